// The pods of one namespace without listing (and sorting) the whole store on every sync: what an
// informer's indexer is to a real controller. Membership (which pod names exist) is kept from
// the store's changes; the objects themselves are read from the store when listed, so a listed
// pod is always the stored version.
//
// Contract: the owner passes every pod change to observe(), and every pod it creates itself to
// created() (a create made while the store is still dispatching is not observed until later).
// list() returns the pods in the store's order (namespace/name) and skips names that are gone.

import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import type { Change, Store } from '../store/store.ts';

export class PodLister {
  private readonly store: Store;
  private readonly names = new Map<string, Set<string>>();
  private readonly sorted = new Map<string, string[]>();

  constructor(store: Store) {
    this.store = store;
    for (const p of store.list(R.pods)) this.add(p);
  }

  observe(c: Change): void {
    if (c.resource !== R.pods) return;
    if (c.type === 'DELETED') this.removeIfGone(c.object);
    else this.add(c.object);
  }

  created(pod: KubeObject): void {
    this.add(pod);
  }

  /** The stored pods of the namespace, sorted by name. */
  list(namespace: string | undefined): KubeObject[] {
    const ns = namespace ?? '';
    let names = this.sorted.get(ns);
    if (!names) {
      names = [...(this.names.get(ns) ?? [])].sort();
      this.sorted.set(ns, names);
    }
    const out: KubeObject[] = [];
    for (const name of names) {
      const pod = this.store.get(R.pods, namespace, name);
      if (pod) out.push(pod);
    }
    return out;
  }

  private add(pod: KubeObject): void {
    const ns = pod.metadata.namespace ?? '';
    let set = this.names.get(ns);
    if (!set) this.names.set(ns, (set = new Set()));
    if (set.has(pod.metadata.name!)) return;
    set.add(pod.metadata.name!);
    this.sorted.delete(ns);
  }

  private removeIfGone(pod: KubeObject): void {
    const ns = pod.metadata.namespace ?? '';
    if (this.store.get(R.pods, pod.metadata.namespace, pod.metadata.name!)) return;
    if (this.names.get(ns)?.delete(pod.metadata.name!)) this.sorted.delete(ns);
  }
}
