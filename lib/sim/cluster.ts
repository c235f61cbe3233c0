// Assembles the embedded cluster: store (optionally durable), API server with fault injection,
// controllers, DNS, seed objects, kubeconfig. Used by `npm run cluster` (main.ts), by `npm start`
// (through main.ts in a child process) and by tests (in process, with a ManualClock or a fast speed).

import type { Clock } from './clock.ts';
import { realClock } from './clock.ts';
import { startApiServer, type ApiServer, type ApiServerOptions, type RequestInterceptor } from './api/server.ts';
import { startControllers, type Speed } from './controllers/all.ts';
import { startDnsServer } from './dns/server.ts';
import { FaultInjector } from './faults/injector.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { openPersistence, type Persistence } from './persist/persistence.ts';
import { seedSystem, seedWorkshop } from './seed.ts';
import { newClusterStore } from './store/new-store.ts';
import type { Store } from './store/store.ts';

export interface ClusterOptions {
  host?: string;
  apiPort?: number;
  speed?: Speed;
  /** Simulated nodes (default 3); each runs at most 110 pods, kubelet's default max-pods. */
  nodes?: number;
  /** Start without the workshop example. */
  empty?: boolean;
  clock?: Clock;
  kubeconfigPath?: string;
  interceptors?: RequestInterceptor[];
  bookmarkIntervalMs?: number;
  /** UDP+TCP port of the embedded DNS server (0 = a free port); undefined = no DNS server. */
  dnsPort?: number;
  /** Keep every acknowledged object across restarts (also kill -9) in this folder. */
  dataDir?: string;
  /** Forget what dataDir holds. */
  reset?: boolean;
}

export interface EmbeddedCluster {
  store: Store;
  /** The running API server; replaced when a fault restarts it, so always read it from here. */
  api: ApiServer;
  apiOptions: ApiServerOptions;
  url: string;
  kubeconfigPath?: string;
  /** "127.0.0.1:<port>" when the DNS server runs. */
  dns?: string;
  faults: FaultInjector;
  persistence?: Persistence;
  stopped?: boolean;
  stop(): Promise<void>;
}

export async function startEmbeddedCluster(opts: ClusterOptions = {}): Promise<EmbeddedCluster> {
  const clock = opts.clock ?? realClock;
  const store = newClusterStore({ clock });
  // Persistence first: it restores the store before anything else writes to it.
  const persistence = opts.dataDir ? openPersistence(store, opts.dataDir, { reset: opts.reset }) : undefined;
  seedSystem(store);
  const controllers = startControllers(store, { clock, speed: opts.speed ?? 1, nodes: opts.nodes });
  // After a restart the example is not brought back (the user may have deleted it on purpose).
  if (!opts.empty && !persistence?.restoredRV) seedWorkshop(store);
  const faults = new FaultInjector({ clock });
  const apiOptions: ApiServerOptions = {
    store,
    host: opts.host,
    port: opts.apiPort,
    bookmarkIntervalMs: opts.bookmarkIntervalMs,
    // The persistence gate must come first: it holds back responses until what they reveal is on disk.
    interceptors: [...(persistence ? [persistence.interceptor] : []), faults.interceptor, ...(opts.interceptors ?? [])],
  };
  let api: ApiServer;
  try {
    api = await startApiServer(apiOptions);
  } catch (e) {
    controllers.stop();
    persistence?.close();
    throw e;
  }
  const dns = opts.dnsPort === undefined ? undefined : await startDnsServer(store, { host: opts.host, port: opts.dnsPort }).catch(async (e) => {
    controllers.stop();
    await api.close();
    persistence?.close();
    throw e;
  });
  if (opts.kubeconfigPath) writeKubeconfig(opts.kubeconfigPath, { server: api.url });
  const cluster: EmbeddedCluster = {
    store,
    api,
    apiOptions,
    faults,
    persistence,
    url: api.url,
    kubeconfigPath: opts.kubeconfigPath,
    dns: dns ? `${dns.host}:${dns.port}` : undefined,
    stop: async () => {
      cluster.stopped = true;
      controllers.stop();
      faults.clear();
      await Promise.all([cluster.api.close(), dns?.close()]);
      persistence?.close();
    },
  };
  faults.attach(cluster);
  return cluster;
}
