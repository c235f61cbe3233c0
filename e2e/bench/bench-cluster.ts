// The embedded cluster as the bench drives it: the same pieces startEmbeddedCluster assembles
// (store, every controller of lib/sim/controllers/all.ts, HTTP API server, kubeconfig), started IN
// the bench process so the bench writes pod status straight into the store and knows the commit
// time to the microsecond; the dashboard, kubectl and client-node reach it over HTTP through the
// kubeconfig like any cluster. Assembled here rather than through startEmbeddedCluster for one
// reason: the StatefulSet and EndpointSlice controllers can be paused while the bench writes a
// storm of pod status changes. In lib/sim both re-sync synchronously on every pod event (no
// work-queue dedupe: a full reconcile of the set, and of every Service's slices, per write), which
// costs milliseconds per write and grows with the replica count; running, they cap the storm far
// below the rates the scenarios ask for. Paused, the dashboard receives exactly the pod changes
// the bench writes; resumed, they resync once. The kubelet, storage, namespace and GC
// controllers keep running throughout.
// Contract of a "change" (flipPod): one store write that flips the pod's readiness (kubectl
// READY 1/1 <-> 0/1, the dashboard's data-ready), bumps the container restartCount (a marker
// the SSE patch carries, so a message can be traced back to its write) and stamps the
// annotation bench.sts-topology.dev/seq (the marker kubectl and client-node see). The
// never-ready annotation travels with an unready pod so the simulated kubelet leaves it alone.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../../lib/kube/types.ts';
import { admitCreate } from '../../lib/sim/api/admission.ts';
import { startApiServer, type ApiServer, type RequestInterceptor } from '../../lib/sim/api/server.ts';
import { realClock } from '../../lib/sim/clock.ts';
import { startEndpointSliceController } from '../../lib/sim/controllers/endpointslice.ts';
import { newEventRecorder } from '../../lib/sim/controllers/events.ts';
import { startGarbageCollector } from '../../lib/sim/controllers/garbage-collector.ts';
import { startKubelet } from '../../lib/sim/controllers/kubelet.ts';
import { startNamespaceController } from '../../lib/sim/controllers/namespace.ts';
import { isPodReady, withReadiness, type Pod } from '../../lib/sim/controllers/pod-parts.ts';
import { ANN_NEVER_READY } from '../../lib/sim/controllers/pod-stages.ts';
import { ensureSimNodes, nodesFor } from '../../lib/sim/controllers/sim-nodes.ts';
import { startStatefulSetController } from '../../lib/sim/controllers/statefulset.ts';
import { startStorageController } from '../../lib/sim/controllers/storage.ts';
import { writeKubeconfig } from '../../lib/sim/kubeconfig.ts';
import { R, RESOURCES } from '../../lib/sim/resources.ts';
import { seedSystem } from '../../lib/sim/seed.ts';
import { newClusterStore } from '../../lib/sim/store/new-store.ts';
import type { Store } from '../../lib/sim/store/store.ts';
import { BenchError } from './stats.ts';

export const ANN_SEQ = 'bench.sts-topology.dev/seq';

/** Wall-clock epoch ms with sub-ms precision (the page uses the same formula). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export interface BenchCluster {
  store: Store;
  api: ApiServer;
  url: string;
  kubeconfig: string;
  /** Open watch requests on the API server in one namespace ('' = cluster-scoped ones). */
  watchCount(namespace: string): number;
  /** Stops the StatefulSet and EndpointSlice controllers until resumeControllers() (which resyncs). */
  pauseControllers(): void;
  resumeControllers(): void;
  stop(): Promise<void>;
}

/** The embedded cluster at speed 'instant' on a free loopback port (see the header). */
export async function startBenchCluster(): Promise<BenchCluster> {
  const clock = realClock;
  const speed = 'instant';
  const store = newClusterStore({ clock });
  seedSystem(store);
  const recorder = newEventRecorder(store, clock);
  // The controllers of lib/sim/controllers/all.ts, started in the same order.
  const others: Array<{ stop(): void }> = [
    startNamespaceController(store, { clock }),
    startGarbageCollector(store, { clock }),
    startStorageController(store, { clock, speed, recorder }),
  ];
  let slices: { stop(): void } | null = startEndpointSliceController(store, { clock });
  others.push(startKubelet(store, { clock, speed, recorder }));
  let sets: { stop(): void } | null = startStatefulSetController(store, { clock, recorder });
  const watches = new Map<string, number>();
  const countWatches: RequestInterceptor = (req, res, url) => {
    const w = url.searchParams.get('watch');
    if (w !== 'true' && w !== '1') return false;
    const ns = /\/namespaces\/([^/]+)\/[^/]+$/.exec(url.pathname)?.[1] ?? '';
    watches.set(ns, (watches.get(ns) ?? 0) + 1);
    res.once('close', () => watches.set(ns, (watches.get(ns) ?? 1) - 1));
    return false;
  };
  const api = await startApiServer({ store, host: '127.0.0.1', port: 0, interceptors: [countWatches] });
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sts-bench-')), 'kubeconfig');
  writeKubeconfig(kubeconfig, { server: api.url });
  return {
    store, api, url: api.url, kubeconfig,
    watchCount: (ns) => watches.get(ns) ?? 0,
    pauseControllers: () => {
      slices?.stop();
      sets?.stop();
      slices = sets = null;
    },
    resumeControllers: () => {
      slices ??= startEndpointSliceController(store, { clock });
      sets ??= startStatefulSetController(store, { clock, recorder });
    },
    stop: async () => {
      sets?.stop();
      slices?.stop();
      for (const c of others.reverse()) c.stop();
      await api.close();
    },
  };
}

function create(store: Store, key: string, obj: KubeObject): void {
  const def = RESOURCES.find((r) => r.key === key);
  if (!def) throw new Error(`unknown resource ${key}`);
  store.create(key, admitCreate(store, def, structuredClone(obj)));
}

export interface SetShape {
  namespace: string;
  name: string;
  replicas: number;
  /** One PVC per pod from a claim template (the workshop shape). */
  claims: boolean;
}

/** Enough simulated nodes for `pods` more pods: kubelet's default max-pods is 110, each node has a /24 of pod IPs. */
function ensureNodes(store: Store, pods: number): void {
  const existing = store.list(R.pods).length;
  ensureSimNodes(store, realClock, nodesFor(existing + pods));
}

/** Namespace, headless Service and Parallel StatefulSet; enough nodes for the pods' IPs. */
export function createSet(store: Store, s: SetShape): void {
  ensureNodes(store, s.replicas);
  if (!store.get(R.namespaces, undefined, s.namespace)) create(store, R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: s.namespace } });
  const labels = { app: s.name };
  create(store, R.services, {
    apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace, labels },
    spec: { clusterIP: 'None', selector: labels, ports: [{ port: 80, name: 'web' }] },
  });
  create(store, R.statefulsets, {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: s.name, namespace: s.namespace },
    spec: {
      serviceName: s.name, replicas: s.replicas, podManagementPolicy: 'Parallel',
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, name: 'web' }], ...(s.claims ? { volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] } : {}) }] },
      },
      ...(s.claims ? { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } : {}),
    },
  });
}

const readyPods = (store: Store, ns: string, app: string) =>
  store.list(R.pods, ns).filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp && isPodReady(p as Pod)).length;

/** Resolves with the wall time (ms) until `want` pods of the set are Ready. */
export async function waitAllReady(store: Store, s: SetShape, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (readyPods(store, s.namespace, s.name) < s.replicas) {
    if (performance.now() - t0 > timeoutMs) {
      throw new BenchError(`${s.namespace}/${s.name}: only ${readyPods(store, s.namespace, s.name)} of ${s.replicas} pods Ready after ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - t0;
}

/**
 * Brings a set to `s.replicas` Ready pods by scaling up `step` replicas at a time, so the
 * bench can give up after budgetMs: under speed 'instant' the controllers do a whole step's
 * work synchronously inside one write, and a single 1,000-pod step cannot be interrupted.
 */
export async function createSetInSteps(store: Store, s: SetShape, step: number, budgetMs: number): Promise<number> {
  const t0 = performance.now();
  let n = Math.min(step, s.replicas);
  ensureNodes(store, s.replicas);
  createSet(store, { ...s, replicas: n });
  for (;;) {
    const left = budgetMs - (performance.now() - t0);
    if (left <= 0) throw new BenchError(`${s.namespace}/${s.name}: the embedded cluster had ${readyPods(store, s.namespace, s.name)} of ${s.replicas} pods Ready after ${Math.round(budgetMs / 1000)} s (its controllers are too slow for this many replicas)`);
    await waitAllReady(store, { ...s, replicas: n }, left);
    if (n >= s.replicas) return performance.now() - t0;
    n = Math.min(s.replicas, n + step);
    const set = structuredClone(store.get(R.statefulsets, s.namespace, s.name)!) as KubeObject & { spec: { replicas: number } };
    set.spec.replicas = n;
    store.update(R.statefulsets, set);
  }
}

/**
 * Resolves once the store has seen no write for quietMs (the controllers finished reacting, e.g.
 * EndpointSlices and Events after a large scale-up), or after maxMs; returns how long it waited.
 */
export async function waitQuiet(store: Store, quietMs: number, maxMs: number): Promise<number> {
  const t0 = performance.now();
  let last = t0;
  const unsubscribe = store.subscribe(() => { last = performance.now(); });
  try {
    while (performance.now() - last < quietMs && performance.now() - t0 < maxMs) await new Promise((r) => setTimeout(r, 100));
    return performance.now() - t0;
  } finally {
    unsubscribe();
  }
}

export interface Commit {
  seq: number;
  pod: string;
  ready: boolean;
  /** Container restartCount after the write: the marker in SSE patches. */
  restarts: number;
  rv: string;
  /** epochNow() right before the (synchronous) store write. */
  at: number;
}

/** One change (see the header): flips readiness of ns/name. */
export function flipPod(store: Store, ns: string, name: string, seq: number): Commit {
  const stored = store.get(R.pods, ns, name) as Pod | undefined;
  if (!stored) throw new BenchError(`pod ${ns}/${name} does not exist`);
  const p = structuredClone(stored) as Pod;
  const ready = !isPodReady(stored);
  const annotations: Record<string, string> = { ...(p.metadata.annotations ?? {}), [ANN_SEQ]: String(seq) };
  if (ready) delete annotations[ANN_NEVER_READY];
  else annotations[ANN_NEVER_READY] = 'true';
  p.metadata.annotations = annotations;
  const status = p.status ?? {};
  let restarts = 0;
  for (const c of status.containerStatuses ?? []) {
    c.ready = ready;
    c.restartCount += 1;
    restarts = c.restartCount;
  }
  const at = epochNow();
  status.conditions = withReadiness(status, Date.now());
  p.status = status;
  const written = store.update(R.pods, p);
  return { seq, pod: name, ready, restarts, rv: String(written.metadata.resourceVersion), at };
}

export interface StormOptions {
  ratePerSec: number;
  durationMs?: number;
  count?: number;
  pods: string[];
  namespace: string;
  /** First seq number to use. */
  seq0?: number;
}

/**
 * Changes pods round-robin at a steady rate until `count` changes or `durationMs` elapsed. A
 * writer that falls behind (each write runs the controllers synchronously) does not burst to
 * catch up: at most 20 ms worth of writes go out per turn of the event loop, so the API server
 * can flush its watches in between and a pod's consecutive writes stay spread out. The
 * achieved rate is then lower than asked; callers report it. The StatefulSet and EndpointSlice
 * controllers are paused meanwhile (see the header) and resumed, with a resync, afterwards.
 */
export async function storm(bc: BenchCluster, o: StormOptions): Promise<Commit[]> {
  bc.pauseControllers();
  try {
    return await writeSteadily(bc.store, o);
  } finally {
    bc.resumeControllers();
  }
}

async function writeSteadily(store: Store, o: StormOptions): Promise<Commit[]> {
  const commits: Commit[] = [];
  const limit = o.count ?? Infinity;
  const burst = Math.max(1, Math.ceil(o.ratePerSec * 0.02));
  const t0 = performance.now();
  let seq = o.seq0 ?? 1;
  for (;;) {
    const elapsed = performance.now() - t0;
    if (o.durationMs !== undefined && elapsed >= o.durationMs) break;
    const due = Math.min(limit, Math.floor((elapsed / 1000) * o.ratePerSec) + 1, commits.length + burst);
    while (commits.length < due) {
      const pod = o.pods[commits.length % o.pods.length];
      commits.push(flipPod(store, o.namespace, pod, seq++));
    }
    if (commits.length >= limit) break;
    const next = (commits.length / o.ratePerSec) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(20, next - (performance.now() - t0)))));
  }
  return commits;
}

export const podNames = (name: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${name}-${i}`);
