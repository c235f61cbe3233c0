// A minimal durable API server for the kill -9 test: `node durable-child.ts <data-dir>
// [snapshotEvery]`. Prints one JSON line {url, restoredRV} once it listens, then serves until
// killed.

import { startApiServer } from '../../api/server.ts';
import { seedSystem } from '../../seed.ts';
import { newClusterStore } from '../../store/new-store.ts';
import { openPersistence } from '../persistence.ts';

const [dir, every] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node durable-child.ts <data-dir> [snapshotEvery]');
  process.exit(2);
}
const store = newClusterStore();
const persistence = openPersistence(store, dir, { snapshotEvery: every ? Number(every) : undefined });
seedSystem(store);
const api = await startApiServer({ store, interceptors: [persistence.interceptor] });
console.log(JSON.stringify({ url: api.url, restoredRV: persistence.restoredRV }));
