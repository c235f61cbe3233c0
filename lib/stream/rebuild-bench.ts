// Micro-benchmark of one set stream's rebuild (SetStream.rebuild: model, timeline, diff), in
// process, not a test:
//   node lib/stream/rebuild-bench.ts [--replicas 1000] [--rebuilds 50] [--flips 40]
// The embedded cluster (store, controllers at speed 'instant', API server) makes a Parallel set
// as it makes the workshop's `web` (headless Service, claim template, PVCs bound to PVs,
// EndpointSlices), and the dashboard's own NamespaceCache watches it over HTTP, so the stream
// reads exactly what it reads in production (trimmed objects, replaced on change).
// Per rebuild it reports wall ms (median, p95, max: the rebuild is synchronous, so this is its
// main-thread time, plus any preemption) and mean CPU ms of the main thread and of the whole
// process (GC helper threads included; the kernel may count CPU in 4 ms ticks, so only means
// over many rebuilds are meaningful), for:
//   (a)  nothing changed: the periodic refresh,
//   (a2) a Service the set does not use changed: a rebuild whose model comes out the same,
//   (b)  one pod's readiness flipped (pod, EndpointSlice, set status and an event change),
//   (c)  --flips pods flipped at once.
// Readiness is flipped with the simulated kubelet's never-ready annotation; each sample waits
// until the cache holds what the store holds, then times one rebuild. The stream's timers never
// fire (its clock runs no timers): rebuilds happen only when the script calls them.
// At the end the last model is compared with one built from scratch: reuse must not change it.
// Limits: client, API server and controllers share this process, so a GC a rebuild triggers
// also collects their garbage. Most of the run time (minutes for 1,000 pods) is the simulated
// cluster's controllers reacting to the flips. Run with `node --cpu-prof` to see where the
// rebuild's time goes.

import { performance } from 'node:perf_hooks';
import type { Clock } from '../k8s/clock.ts';
import { NamespaceCache } from '../k8s/namespace-cache.ts';
import { startTestCluster, until } from '../k8s/testdata/cluster.ts';
import type { WatchedKind } from '../k8s/kinds.ts';
import type { KubeObject } from '../kube/types.ts';
import { admitCreate } from '../sim/api/admission.ts';
import { parseFlags, usage, type FlagSpec } from '../sim/cli-args.ts';
import { ANN_NEVER_READY } from '../sim/controllers/pod-stages.ts';
import { ensureSimNodes, nodesFor } from '../sim/controllers/sim-nodes.ts';
import { R, RESOURCES } from '../sim/resources.ts';
import { WORKSHOP_SERVICE, WORKSHOP_STATEFULSET } from '../sim/seed.ts';
import type { Store } from '../sim/store/store.ts';
import { jsonEqual } from './json-equal.ts';
import { SetStream } from './set-stream.ts';
import { TimelineLog } from './timeline-recorder.ts';
import { topologyFromCache } from './topology-input.ts';

const FLAGS: FlagSpec = {
  replicas: { type: 'number', help: 'replicas of the Parallel StatefulSet (default 1000)' },
  rebuilds: { type: 'number', help: 'measured rebuilds per case (default 50)' },
  flips: { type: 'number', help: 'pods flipped at once in case (c) (default 40)' },
  help: { type: 'boolean', help: 'show this help' },
};
const USAGE = 'Usage: node lib/stream/rebuild-bench.ts [flags]';
const WARMUP = 5;
const QUIET_MS = 20;
const KINDS: Array<[WatchedKind, string]> = [
  ['statefulsets', R.statefulsets], ['services', R.services], ['pods', R.pods], ['endpointslices', R.endpointSlices],
  ['persistentvolumeclaims', R.pvcs], ['events', R.events],
];

const OTHER: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'other', namespace: 'default' }, spec: { ports: [{ port: 1 }] } };

/** Real time, and timers that never fire: nothing rebuilds unless the script says so. */
const stillClock: Clock = { now: () => Date.now(), setTimeout: () => ({ cancel() {} }) };

function create(store: Store, key: string, obj: KubeObject): void {
  const def = RESOURCES.find((r) => r.key === key)!;
  store.create(key, admitCreate(store, def, structuredClone(obj)));
}

function isReady(pod: KubeObject | undefined): boolean {
  const conds = (pod?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The cache holds every object of the watched kinds at the store's resourceVersion. */
function caughtUp(store: Store, cache: NamespaceCache): boolean {
  for (const [kind, key] of KINDS) {
    const stored = store.list(key, 'default');
    if (cache.list(kind).length !== stored.length) return false;
    for (const o of stored) {
      if (cache.get(kind, o.metadata.name!)?.metadata.resourceVersion !== o.metadata.resourceVersion) return false;
    }
  }
  return true;
}

/**
 * Runs `write`, then waits until `done` holds, the cluster has been quiet for QUIET_MS and the
 * cache holds every object the store changed meanwhile, as the store has it.
 */
async function settle(store: Store, cache: NamespaceCache, write: () => void, done: () => boolean): Promise<void> {
  const kindOf = new Map(KINDS.map(([kind, key]) => [key, kind]));
  const changed = new Map<string, { kind: WatchedKind; name: string; rv: string | null }>();
  let lastChange = performance.now();
  const off = store.subscribe((c) => {
    const kind = kindOf.get(c.resource);
    if (!kind || c.object.metadata.namespace !== 'default') return;
    const name = c.object.metadata.name!;
    changed.set(`${kind}/${name}`, { kind, name, rv: c.type === 'DELETED' ? null : c.object.metadata.resourceVersion ?? null });
    lastChange = performance.now();
  });
  try {
    write();
    const seen = () => [...changed.values()].every((c) => (cache.get(c.kind, c.name)?.metadata.resourceVersion ?? null) === c.rv);
    await until('the cluster settled and the cache caught up', () => done() && performance.now() - lastChange > QUIET_MS && seen(), { timeoutMs: 60_000 });
  } finally {
    off();
  }
}

/** Sets (unready) or removes never-ready on these pods and waits until they flipped. */
function flip(store: Store, cache: NamespaceCache, names: string[], unready: boolean): Promise<void> {
  return settle(store, cache, () => {
    for (const name of names) {
      const pod = structuredClone(store.get(R.pods, 'default', name)!);
      const ann = { ...pod.metadata.annotations };
      if (unready) ann[ANN_NEVER_READY] = 'true';
      else delete ann[ANN_NEVER_READY];
      pod.metadata.annotations = ann;
      store.update(R.pods, pod);
    }
  }, () => names.every((n) => isReady(store.get(R.pods, 'default', n)) !== unready));
}

/** Changes a label of a Service the set does not use: a cache change the model does not show. */
function touchOther(store: Store, cache: NamespaceCache, n: number): Promise<void> {
  return settle(store, cache, () => {
    const svc = structuredClone(store.get(R.services, 'default', OTHER.metadata.name!)!);
    svc.metadata.labels = { ...svc.metadata.labels, touched: String(n) };
    store.update(R.services, svc);
  }, () => true);
}

interface Sample {
  /** Wall time (ms): the rebuild is synchronous, so this is its main-thread time. */
  wall: number;
  /** CPU of the main thread, where the rebuild runs (ms). */
  thread: number;
  /** CPU of the whole process, GC helper threads included (ms). */
  process: number;
}

function measure(fn: () => void): Sample {
  const t0 = process.threadCpuUsage();
  const p0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const wall = performance.now() - w0;
  const t = process.threadCpuUsage(t0);
  const p = process.cpuUsage(p0);
  return { wall, thread: (t.user + t.system) / 1000, process: (p.user + p.system) / 1000 };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (n: number) => n.toFixed(2);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function row(label: string, samples: Sample[]): string {
  const wall = samples.map((x) => x.wall).sort((a, b) => a - b);
  const cells = [percentile(wall, 50), percentile(wall, 95), wall[wall.length - 1], mean(samples.map((x) => x.thread)), mean(samples.map((x) => x.process))];
  return `| ${label} | ${cells.map(fmt).join(' | ')} |`;
}

async function main(): Promise<void> {
  const f = parseFlags(process.argv.slice(2), FLAGS);
  if (f.help) {
    console.log(usage(USAGE, FLAGS));
    return;
  }
  const replicas = (f.replicas ?? 1000) as number;
  const rebuilds = (f.rebuilds ?? 50) as number;
  const flips = Math.min(replicas, (f.flips ?? 40) as number);

  const tc = await startTestCluster({ empty: true, speed: 'instant', bookmarkIntervalMs: 3_600_000 });
  const store = tc.cluster.store;
  const cache = new NamespaceCache({ namespace: 'default', transport: tc.transport });
  try {
    console.error(`creating a ${replicas}-replica Parallel set...`);
    ensureSimNodes(store, stillClock, nodesFor(replicas));
    create(store, R.services, WORKSHOP_SERVICE);
    create(store, R.services, OTHER);
    const sts = structuredClone(WORKSHOP_STATEFULSET) as KubeObject & { spec: Record<string, unknown> };
    sts.spec.replicas = replicas;
    sts.spec.podManagementPolicy = 'Parallel';
    create(store, R.statefulsets, sts);
    const podNames = Array.from({ length: replicas }, (_, i) => `web-${i}`);
    await until('every pod Ready', () => podNames.every((n) => isReady(store.get(R.pods, 'default', n))), { timeoutMs: 300_000 });
    cache.start();
    await until('the cache synced and caught up', () => cache.synced && caughtUp(store, cache), { timeoutMs: 120_000 });

    let id = 0;
    const stream = new SetStream({
      namespace: 'default', name: 'web', cache, clock: stillClock, nextId: () => ++id, timeline: new TimelineLog(),
      coalesceMs: 16, refreshMs: 1000, replayLimit: 256, queueLimit: 64, onIdle: () => {},
    });
    stream.rebuild();
    if (!stream.topology) throw new Error('the stream has no model');

    const timed = async (count: number, before: (i: number) => Promise<void>): Promise<Sample[]> => {
      const out: Sample[] = [];
      for (let i = 0; i < WARMUP + count; i++) {
        await before(i);
        const cpu = measure(() => stream.rebuild());
        if (i >= WARMUP) out.push(cpu);
      }
      return out;
    };
    console.error('(a) nothing changed, the periodic refresh...');
    const refresh = await timed(rebuilds, async () => {});
    console.error('(a2) a Service the set does not use changed...');
    const unrelated = await timed(rebuilds, (i) => touchOther(store, cache, i));
    // Each sample flips other pods: odd samples make unready the pods of a round, even ones make them ready again.
    const podsOf = (count: number, round: number) => [...new Set(Array.from({ length: count }, (_, k) => podNames[(round * count + k * 7) % replicas]))];
    const measureFlips = async (label: string, count: number): Promise<Sample[]> => {
      console.error(`${label} ${count} pod(s) flipped per rebuild...`);
      const out = await timed(rebuilds, (i) => flip(store, cache, podsOf(count, Math.floor(i / 2)), i % 2 === 0));
      if ((WARMUP + rebuilds) % 2 === 1) {
        await flip(store, cache, podsOf(count, Math.floor((WARMUP + rebuilds - 1) / 2)), false);
        stream.rebuild();
      }
      return out;
    };
    const one = await measureFlips('(b)', 1);
    const many = await measureFlips('(c)', flips);

    // Reuse must give what a build from scratch gives (the clone shares no object with the stream's memory).
    const model = stream.topology;
    const fresh = topologyFromCache(cache, 'web', { now: Date.now(), previous: structuredClone(model) });
    if (!model || !fresh || !jsonEqual(model, fresh)) throw new Error('the stream model differs from a model built from scratch');

    console.log([
      `SetStream.rebuild, ms per rebuild, ${replicas}-pod Parallel set, ${rebuilds} rebuilds per case — node lib/stream/rebuild-bench.ts`,
      '',
      '| Case | wall median | wall p95 | wall max | main-thread CPU mean | process CPU mean |',
      '|---|---|---|---|---|---|',
      row('(a) nothing changed (periodic refresh)', refresh),
      row('(a2) an unrelated Service changed', unrelated),
      row('(b) 1 pod readiness flipped', one),
      row(`(c) ${flips} pods flipped`, many),
      '',
      `events in the namespace: ${cache.list('events').length}; the last model equals one built from scratch`,
    ].join('\n'));
    stream.stop();
  } finally {
    cache.stop();
    await tc.stop();
  }
}

await main();
