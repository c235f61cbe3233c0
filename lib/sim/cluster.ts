// Assembles the embedded cluster: store, API server, controllers, seed objects, kubeconfig.
// Used by `npm run cluster` (main.ts), by `npm start` (through main.ts in a child process) and
// by tests (in process, with a ManualClock or a fast speed).

import type { Clock } from './clock.ts';
import { realClock } from './clock.ts';
import { startApiServer, type ApiServer, type RequestInterceptor } from './api/server.ts';
import { startControllers, type Speed } from './controllers/all.ts';
import { startDnsServer } from './dns/server.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { seedSystem, seedWorkshop } from './seed.ts';
import { newClusterStore } from './store/new-store.ts';
import type { Store } from './store/store.ts';

export interface ClusterOptions {
  host?: string;
  apiPort?: number;
  speed?: Speed;
  /** Start without the workshop example. */
  empty?: boolean;
  clock?: Clock;
  kubeconfigPath?: string;
  interceptors?: RequestInterceptor[];
  bookmarkIntervalMs?: number;
  /** UDP+TCP port of the embedded DNS server (0 = a free port); undefined = no DNS server. */
  dnsPort?: number;
}

export interface EmbeddedCluster {
  store: Store;
  api: ApiServer;
  url: string;
  kubeconfigPath?: string;
  /** "127.0.0.1:<port>" when the DNS server runs. */
  dns?: string;
  stop(): Promise<void>;
}

export async function startEmbeddedCluster(opts: ClusterOptions = {}): Promise<EmbeddedCluster> {
  const clock = opts.clock ?? realClock;
  const store = newClusterStore({ clock });
  seedSystem(store);
  const controllers = startControllers(store, { clock, speed: opts.speed ?? 1 });
  if (!opts.empty) seedWorkshop(store);
  const api = await startApiServer({ store, host: opts.host, port: opts.apiPort, interceptors: opts.interceptors, bookmarkIntervalMs: opts.bookmarkIntervalMs });
  const dns = opts.dnsPort === undefined ? undefined : await startDnsServer(store, { host: opts.host, port: opts.dnsPort }).catch(async (e) => {
    await api.close();
    throw e;
  });
  if (opts.kubeconfigPath) writeKubeconfig(opts.kubeconfigPath, { server: api.url });
  return {
    store,
    api,
    url: api.url,
    kubeconfigPath: opts.kubeconfigPath,
    dns: dns ? `${dns.host}:${dns.port}` : undefined,
    stop: async () => {
      controllers.stop();
      await Promise.all([api.close(), dns?.close()]);
    },
  };
}
