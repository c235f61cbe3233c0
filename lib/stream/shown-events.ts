// The events of a namespace that can show on one set's page (eventShown in topology-input.ts),
// kept up to date from the cache's change notifications, so that a rebuild does not scan the
// thousands of events a busy namespace keeps (a 1,000-pod set makes ~10,000 just starting).
// Contract: list() holds what filtering cache.list('events') with eventShown holds, in the same
// order (a name keeps its place when its event changes, a new name goes last, as in the
// reflector's map); after a relist (`replace`) it is read again from the cache.

import type { CacheChange, NamespaceCache } from '../k8s/namespace-cache.ts';
import type { KubeObject } from '../kube/types.ts';
import { eventShown } from './topology-input.ts';

export class ShownEvents {
  private readonly cache: NamespaceCache;
  private readonly setName: string;
  private readonly byName = new Map<string, KubeObject>();
  /** The cache must be read again (never read, or relisted since). */
  private stale = true;
  /** list()'s answer until the next change. */
  private listed: KubeObject[] | null = null;

  constructor(cache: NamespaceCache, setName: string) {
    this.cache = cache;
    this.setName = setName;
  }

  /** Feed every change of the cache (SetStream's listener does). */
  onChange(c: CacheChange): void {
    if (c.kind !== 'events' || c.type === 'status' || this.stale) return;
    this.listed = null;
    const name = c.object?.metadata.name;
    if (c.type === 'replace' || name === undefined) {
      this.stale = true;
    } else if (c.type === 'upsert' && c.object && eventShown(c.object, this.setName)) {
      this.byName.set(name, c.object);
    } else {
      this.byName.delete(name);
    }
  }

  list(): readonly KubeObject[] {
    if (this.stale) {
      this.byName.clear();
      for (const e of this.cache.list('events')) if (eventShown(e, this.setName)) this.byName.set(e.metadata.name ?? '', e);
      this.stale = false;
      this.listed = null;
    }
    this.listed ??= [...this.byName.values()];
    return this.listed;
  }
}
