// Benchmark of the embedded cluster, in process, no kubectl:
//   node lib/sim/bench.ts [--replicas 500] [--runs 5] [--list-pods 1000] [--requests 50] [--timeout 120]
// (a) wall time for an N-replica Parallel StatefulSet (the workshop `web`, claim template
//     included) to have every pod Ready at speed 'instant', on a fresh store each run;
// (b) process CPU (user + system, all controllers together) during those runs divided by the
//     number of pod changes the store emitted;
// (c) `GET /api/v1/namespaces/default/pods` over HTTP with M Ready pods in the store.
// Prints a Markdown table and writes bench-results/cluster.json (both with machine facts).
// Exits non-zero with a message when a measurement did not happen (pods never Ready, bad list).
// Limits: the HTTP client and server share this process and its one event loop; nodes are
// ceil(pods / 110) (kubelet's default max-pods, which the simulated scheduler enforces), at
// least 3 (sim-nodes.ts nodesFor).

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../kube/types.ts';
import { admitCreate } from './api/admission.ts';
import { parseFlags, usage, UsageError, type FlagSpec } from './cli-args.ts';
import { realClock } from './clock.ts';
import { startEmbeddedCluster } from './cluster.ts';
import { startControllers } from './controllers/all.ts';
import { ensureSimNodes, nodesFor } from './controllers/sim-nodes.ts';
import { R, RESOURCES } from './resources.ts';
import { seedSystem, WORKSHOP_STATEFULSET } from './seed.ts';
import { newClusterStore } from './store/new-store.ts';
import type { Store } from './store/store.ts';

const FLAGS: FlagSpec = {
  replicas: { type: 'number', help: 'replicas of the Parallel StatefulSet in (a) and (b) (default 500)' },
  runs: { type: 'number', help: 'repetitions of (a), each on a fresh store (default 5)' },
  'list-pods': { type: 'number', help: 'pods in the store for the list benchmark (c) (default 1000)' },
  requests: { type: 'number', help: 'list requests measured in (c) (default 50)' },
  timeout: { type: 'number', help: 'seconds to wait for all pods to be Ready before failing (default 120)' },
  help: { type: 'boolean', help: 'show this help' },
};
const USAGE = 'Usage: node lib/sim/bench.ts [flags]';
const ROOT = resolve(import.meta.dirname, '../..');
const WARMUP_REQUESTS = 3;
const WARMUP_REPLICAS = 10;

class BenchError extends Error {}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

interface Options { replicas: number; runs: number; listPods: number; requests: number; timeoutMs: number }

function options(argv: string[]): Options {
  const f = parseFlags(argv, FLAGS);
  if (f.help) {
    console.log(usage(USAGE, FLAGS));
    process.exit(0);
  }
  const o = {
    replicas: (f.replicas ?? 500) as number, runs: (f.runs ?? 5) as number, listPods: (f['list-pods'] ?? 1000) as number,
    requests: (f.requests ?? 50) as number, timeoutMs: ((f.timeout ?? 120) as number) * 1000,
  };
  for (const k of ['replicas', 'runs', 'listPods', 'requests', 'timeoutMs'] as const) {
    if (o[k] < 1) throw new UsageError(`--${k === 'listPods' ? 'list-pods' : k === 'timeoutMs' ? 'timeout' : k} must be at least 1`);
  }
  return o;
}

function parallelWeb(replicas: number): KubeObject {
  const sts = structuredClone(WORKSHOP_STATEFULSET) as KubeObject & { spec: Record<string, unknown> };
  sts.spec.replicas = replicas;
  sts.spec.podManagementPolicy = 'Parallel';
  return sts;
}

function createStatefulSet(store: Store, sts: KubeObject): void {
  const def = RESOURCES.find((r) => r.key === R.statefulsets)!;
  store.create(R.statefulsets, admitCreate(store, def, structuredClone(sts)));
}

const isReady = (pod: KubeObject) =>
  !pod.metadata.deletionTimestamp &&
  !!(pod.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Counts pod changes and resolves when `want` pods are Ready at once. Create it right before the
 * write that starts the work: under 'instant' the controllers may finish synchronously inside
 * that write, in which case the deadline can only be noticed after it returns.
 */
function readyWaiter(store: Store, want: number, timeoutMs: number) {
  const ready = new Set<string>();
  let podChanges = 0;
  let finish: (ok: boolean) => void = () => {};
  const done = new Promise<boolean>((res) => { finish = res; });
  const start = performance.now();
  const timer = setTimeout(() => finish(false), timeoutMs);
  const unsubscribe = store.subscribe((c) => {
    if (c.resource !== R.pods) return;
    podChanges++;
    const key = `${c.object.metadata.namespace}/${c.object.metadata.name}`;
    if (c.type !== 'DELETED' && isReady(c.object)) ready.add(key);
    else ready.delete(key);
    if (ready.size >= want) finish(true);
  });
  return {
    async wait(what: string): Promise<number> {
      const ok = await done;
      clearTimeout(timer);
      unsubscribe();
      if (!ok) throw new BenchError(`${what}: only ${ready.size} of ${want} pods were Ready after ${round((performance.now() - start) / 1000)} s (--timeout ${timeoutMs / 1000})`);
      return podChanges;
    },
  };
}

interface ReadyRun { ms: number; podChanges: number; cpuUs: number }

async function readyRun(o: Options): Promise<ReadyRun> {
  const store = newClusterStore({ clock: realClock });
  seedSystem(store);
  ensureSimNodes(store, realClock, nodesFor(o.replicas));
  const controllers = startControllers(store, { clock: realClock, speed: 'instant' });
  try {
    const waiter = readyWaiter(store, o.replicas, o.timeoutMs);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    createStatefulSet(store, parallelWeb(o.replicas));
    const podChanges = await waiter.wait(`${o.replicas}-replica Parallel StatefulSet`);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { ms, podChanges, cpuUs: cpu.user + cpu.system };
  } finally {
    controllers.stop();
  }
}

interface ListResult { samplesMs: number[]; bytes: number; items: number }

async function listBench(o: Options): Promise<ListResult> {
  const cluster = await startEmbeddedCluster({ empty: true, speed: 'instant' });
  try {
    console.error(`(c) creating ${o.listPods} Ready pods to list...`);
    ensureSimNodes(cluster.store, realClock, nodesFor(o.listPods));
    const waiter = readyWaiter(cluster.store, o.listPods, o.timeoutMs);
    createStatefulSet(cluster.store, parallelWeb(o.listPods));
    await waiter.wait(`${o.listPods} pods for the list benchmark`);
    const url = `${cluster.url}/api/v1/namespaces/default/pods`;
    const samplesMs: number[] = [];
    let bytes = 0;
    let items = 0;
    for (let i = 0; i < WARMUP_REQUESTS + o.requests; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { Accept: 'application/json' } });
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new BenchError(`GET ${url} answered ${res.status}: ${body.toString().slice(0, 300)}`);
      if (i < WARMUP_REQUESTS) continue;
      samplesMs.push(ms);
      bytes = body.length;
      items = (JSON.parse(body.toString()) as { items?: unknown[] }).items?.length ?? 0;
    }
    if (items !== o.listPods) throw new BenchError(`GET ${url} listed ${items} pods, expected ${o.listPods}`);
    return { samplesMs, bytes, items };
  } finally {
    await cluster.stop();
  }
}

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function machine() {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown', cores: cpu.length, totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version, os: `${platform()} ${release()}`,
  };
}

function commandLine(): string {
  return ['node', ...process.argv.slice(1).map((a, i) => (i === 0 ? relative(process.cwd(), a) || a : a))].join(' ');
}

function summarize(o: Options, runs: ReadyRun[], list: ListResult) {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const events = runs.reduce((n, r) => n + r.podChanges, 0);
  const cpuUs = runs.reduce((n, r) => n + r.cpuUs, 0);
  if (events === 0) throw new BenchError('the store emitted no pod changes: nothing was measured');
  const lat = [...list.samplesMs].sort((a, b) => a - b);
  return {
    date: new Date().toISOString(),
    command: commandLine(),
    machine: machine(),
    allReady: {
      replicas: o.replicas, podManagementPolicy: 'Parallel', speed: 'instant', nodes: nodesFor(o.replicas), runs: runs.length,
      minMs: round(ms[0]), medianMs: round(percentile(ms, 50)), maxMs: round(ms[ms.length - 1]),
      perRunMs: runs.map((r) => round(r.ms)),
    },
    cpuPerPodEvent: {
      podChanges: events, podChangesPerRun: round(events / runs.length), cpuMs: round(cpuUs / 1000), usPerEvent: round(cpuUs / events),
    },
    listPods: {
      pods: list.items, nodes: nodesFor(o.listPods), requests: list.samplesMs.length, warmupRequests: WARMUP_REQUESTS,
      p50Ms: round(percentile(lat, 50), 2), p99Ms: round(percentile(lat, 99), 2), responseBytes: list.bytes,
    },
  };
}

function table(r: ReturnType<typeof summarize>): string {
  const a = r.allReady;
  const b = r.cpuPerPodEvent;
  const c = r.listPods;
  const m = r.machine;
  return [
    `Embedded cluster benchmark — \`${r.command}\``,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB RAM, Node ${m.node}, ${m.os}`,
    '',
    '| Measurement | Result |',
    '|---|---|',
    `| (a) ${a.replicas}-replica Parallel StatefulSet all Ready (speed instant, ${a.nodes} nodes, ${a.runs} runs) | min ${a.minMs} ms / median ${a.medianMs} ms / max ${a.maxMs} ms |`,
    `| (b) controller CPU per pod event (${b.podChanges} pod changes, ${b.podChangesPerRun} per run, ${b.cpuMs} ms CPU) | ${b.usPerEvent} µs |`,
    `| (c) GET /api/v1/namespaces/default/pods, ${c.pods} pods (${c.requests} requests after ${c.warmupRequests} warm-up) | p50 ${c.p50Ms} ms / p99 ${c.p99Ms} ms, ${(c.responseBytes / 1024).toFixed(0)} KiB per response |`,
  ].join('\n');
}

async function main(): Promise<void> {
  let o: Options;
  try {
    o = options(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\n\n${usage(USAGE, FLAGS)}`);
    process.exit(2);
  }
  try {
    // A small unmeasured run first, so lazy module loading and JIT warm-up stay out of run 1.
    await readyRun({ ...o, replicas: WARMUP_REPLICAS });
    const runs: ReadyRun[] = [];
    for (let i = 0; i < o.runs; i++) {
      runs.push(await readyRun(o));
      console.error(`(a) run ${i + 1}/${o.runs}: ${round(runs[i].ms)} ms, ${runs[i].podChanges} pod changes`);
    }
    const result = summarize(o, runs, await listBench(o));
    console.log(table(result));
    const dir = join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cluster.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwrote ${relative(process.cwd(), join(dir, 'cluster.json')) || 'cluster.json'}`);
  } catch (e) {
    console.error(`bench failed: ${e instanceof BenchError ? e.message : (e as Error).stack ?? e}`);
    process.exit(1);
  }
}

await main();
