// The namespace controller: a namespace being deleted (it carries the `kubernetes` finalizer,
// see the API server's delete handler) has all of its objects deleted; once it is empty, the
// finalizer is removed and the namespace disappears. New content is refused meanwhile (admission).

import type { Clock } from '../clock.ts';
import { RESOURCES, R } from '../resources.ts';
import type { Store } from '../store/store.ts';

export function startNamespaceController(store: Store, opts: { clock: Clock; resyncMs?: number }): { stop(): void } {
  let stopped = false;
  const namespaced = RESOURCES.filter((r) => r.namespaced && r.key !== R.events);

  const sync = (name: string) => {
    const ns = store.get(R.namespaces, undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const r of namespaced) {
      for (const o of store.list(r.key, name)) {
        remaining++;
        if (!o.metadata.deletionTimestamp) store.delete(r.key, name, o.metadata.name!, {});
      }
    }
    if (remaining > 0) return;
    for (const e of store.list(R.events, name)) store.delete(R.events, name, e.metadata.name!, {});
    const next = structuredClone(store.get(R.namespaces, undefined, name)!);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== 'kubernetes');
    store.update(R.namespaces, next);
  };

  const unsubscribe = store.subscribe((c) => {
    if (c.resource === R.namespaces) sync(c.object.metadata.name!);
    else if (c.type === 'DELETED' && c.object.metadata.namespace) sync(c.object.metadata.namespace);
  });
  const tick = () => {
    if (stopped) return;
    for (const ns of store.list(R.namespaces)) if (ns.metadata.deletionTimestamp) sync(ns.metadata.name!);
    opts.clock.setTimeout(tick, opts.resyncMs ?? 2000);
  };
  opts.clock.setTimeout(tick, opts.resyncMs ?? 2000);
  return { stop: () => { stopped = true; unsubscribe(); } };
}
