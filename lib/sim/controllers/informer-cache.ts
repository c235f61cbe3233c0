// The objects of one resource as a controller's informer would hold them, so that a sync can
// read every pod (or claim) of a namespace without listing and sorting the whole store.
//
// Contract: the owner passes every store change to observe() and every object of the resource
// it creates itself to created(). get() and list() return the objects as last observed; list()
// sorts by name, as the store lists them. A sync run from a KeyQueue that has the store as its
// settler starts after every change has been delivered, so the cache then equals the store;
// writes made during the sync (its own, or those of other keys in the same drain) show up once
// they are delivered, as with a real informer.

import type { KubeObject } from '../../kube/types.ts';
import type { Change, Store } from '../store/store.ts';

const rv = (o: KubeObject) => Number(o.metadata.resourceVersion);

export class InformerCache {
  readonly resource: string;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly sorted = new Map<string, KubeObject[]>();

  constructor(store: Store, resource: string) {
    this.resource = resource;
    for (const o of store.list(resource)) this.put(o);
  }

  observe(c: Change): void {
    if (c.resource !== this.resource) return;
    if (c.type === 'DELETED') this.drop(c.object);
    else this.put(c.object);
  }

  created(obj: KubeObject): void {
    this.put(obj);
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(namespace ?? '')?.get(name);
  }

  /** The namespace's objects, sorted by name. The array is shared: do not change it. */
  list(namespace: string | undefined): readonly KubeObject[] {
    const ns = namespace ?? '';
    let out = this.sorted.get(ns);
    if (!out) {
      const byName = this.objects.get(ns);
      out = byName ? [...byName.keys()].sort().map((n) => byName.get(n)!) : [];
      this.sorted.set(ns, out);
    }
    return out;
  }

  private put(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    let byName = this.objects.get(ns);
    if (!byName) this.objects.set(ns, (byName = new Map()));
    const prev = byName.get(obj.metadata.name!);
    // Changes arrive in resourceVersion order, but an object created here is put before its
    // ADDED is delivered.
    if (prev && rv(prev) > rv(obj)) return;
    byName.set(obj.metadata.name!, obj);
    this.sorted.delete(ns);
  }

  private drop(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    const byName = this.objects.get(ns);
    const prev = byName?.get(obj.metadata.name!);
    if (!prev || rv(prev) > rv(obj)) return;
    byName!.delete(obj.metadata.name!);
    this.sorted.delete(ns);
  }
}
