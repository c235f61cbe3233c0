// Test helpers: a real embedded cluster with a kubeconfig and the dashboard's transport on it,
// and a wait that lets network I/O happen while stepping a manual clock. Test-only.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startApiServer } from '../../sim/api/server.ts';
import { FaultInjector } from '../../sim/faults/injector.ts';
import { startEmbeddedCluster, type ClusterOptions, type EmbeddedCluster } from '../../sim/cluster.ts';
import type { ManualClock } from '../../sim/clock.ts';
import { writeKubeconfig } from '../../sim/kubeconfig.ts';
import { seedSystem, seedWorkshop } from '../../sim/seed.ts';
import { newClusterStore } from '../../sim/store/new-store.ts';
import { clientNodeTransport, type KubeTransport } from '../transport.ts';

export interface TestCluster {
  cluster: EmbeddedCluster;
  kubeconfigPath: string;
  transport: KubeTransport;
  stop(): Promise<void>;
}

export interface TestClusterOptions extends Omit<ClusterOptions, 'kubeconfigPath'> {
  /** The API server and store only, no controllers: objects change only when the test says so. */
  bare?: boolean;
}

/** The API server and its store without controllers, shaped like an EmbeddedCluster. */
async function startBare(opts: TestClusterOptions, kubeconfigPath: string): Promise<EmbeddedCluster> {
  const store = newClusterStore({});
  seedSystem(store);
  if (!opts.empty) seedWorkshop(store);
  const faults = new FaultInjector();
  const apiOptions = { store, port: opts.apiPort, interceptors: [faults.interceptor, ...(opts.interceptors ?? [])], bookmarkIntervalMs: opts.bookmarkIntervalMs };
  const api = await startApiServer(apiOptions);
  writeKubeconfig(kubeconfigPath, { server: api.url });
  const cluster: EmbeddedCluster = { store, api, apiOptions, faults, url: api.url, kubeconfigPath, stop: () => cluster.api.close() };
  faults.attach(cluster);
  return cluster;
}

export async function startTestCluster(opts: TestClusterOptions = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sts-k8s-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const cluster = opts.bare ? await startBare(opts, kubeconfigPath) : await startEmbeddedCluster({ empty: true, speed: 'instant', ...opts, kubeconfigPath });
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return {
    cluster,
    kubeconfigPath,
    transport: clientNodeTransport(kc),
    stop: async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/**
 * Waits until cond() holds: between checks, lets pending network I/O run and, when a manual clock
 * is given, moves it forward by stepMs (so coalescing and retry timers fire). Fails after
 * timeoutMs of real time with the description.
 */
export async function until(what: string, cond: () => boolean, opts: { clock?: ManualClock; stepMs?: number; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    opts.clock?.advance(opts.stepMs ?? 16);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A request interceptor answering 403 Forbidden (as RBAC would) for paths that match. */
export function forbid(match: (url: URL) => boolean) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (!match(url)) return false;
    const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, message: `${url.pathname} is forbidden: User "system:serviceaccount:default:sts" cannot list resource` };
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
    return true;
  };
}

/** An interceptor that counts requests (list vs watch) per path without answering them. */
export function requestCounter() {
  const counts = { lists: new Map<string, number>(), watches: new Map<string, number>() };
  const interceptor = (_req: IncomingMessage, _res: ServerResponse, url: URL): boolean => {
    const m = url.searchParams.get('watch') ? counts.watches : counts.lists;
    m.set(url.pathname, (m.get(url.pathname) ?? 0) + 1);
    return false;
  };
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { counts, interceptor, lists: (path: string) => counts.lists.get(path) ?? 0, watches: (path: string) => counts.watches.get(path) ?? 0, totalWatches: () => total(counts.watches) };
}
