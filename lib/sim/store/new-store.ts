import { RESOURCES } from '../resources.ts';
import { Store, type StoreOptions } from './store.ts';

/** A store with every resource of the embedded cluster registered. */
export function newClusterStore(opts: StoreOptions = {}): Store {
  const store = new Store(opts);
  for (const r of RESOURCES) {
    store.register(r.key, { namespaced: r.namespaced, generation: r.generation, graceful: r.graceful });
  }
  return store;
}
