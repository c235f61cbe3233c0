// Scenario 5: the embedded cluster on its own. (a) a 1,000-replica Parallel StatefulSet to all
// Ready at speed 'instant' and (c) listing 1,000 pods come from lib/sim/bench.ts (run as a child
// process, each run on a fresh store); (b) watch events per second delivered to 50 concurrent
// HTTP watchers is measured here, on the bench's cluster (StatefulSet and EndpointSlice
// controllers paused, see bench-cluster.ts). Limit of (b): the watchers run in the
// same process (and event loop) as the API server, as in lib/sim/bench.ts.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createSet, flipPod, podNames, waitAllReady, type BenchCluster } from './bench-cluster.ts';
import { ROOT } from './dashboard-server.ts';
import { BenchError, round } from './stats.ts';

export interface ClusterOptions {
  replicas: number;
  runs: number;
  listPods: number;
  requests: number;
  watchers: number;
  watchEvents: number;
  /** lib/sim/bench.ts is stopped (and the scenario fails) after this long. */
  budgetMs: number;
}

export interface ClusterResult {
  allReady: { replicas: number; runs: number; minMs: number; medianMs: number; maxMs: number; cpuUsPerPodEvent: number };
  listPods: { pods: number; requests: number; p50Ms: number; p99Ms: number; responseKiB: number };
  watch: { watchers: number; eventsPerWatcher: number; seconds: number; deliveredPerSec: number; writesPerSec: number };
  command: string;
}

interface SimBenchJson {
  date: string;
  allReady: { replicas: number; runs: number; minMs: number; medianMs: number; maxMs: number };
  cpuPerPodEvent: { usPerEvent: number };
  listPods: { pods: number; requests: number; p50Ms: number; p99Ms: number; responseBytes: number };
}

function runSimBench(o: ClusterOptions): Promise<{ json: SimBenchJson; command: string }> {
  const args = ['lib/sim/bench.ts', '--replicas', String(o.replicas), '--runs', String(o.runs), '--list-pods', String(o.listPods), '--requests', String(o.requests), '--timeout', '600'];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, o.budgetMs);
    const relay = (prefix: string) => (d: Buffer) => { for (const l of d.toString().split('\n')) if (l.trim()) process.stderr.write(`[${prefix}] ${l}\n`); };
    child.stdout.on('data', relay('sim-bench'));
    child.stderr.on('data', relay('sim-bench'));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new BenchError(`node ${args.join(' ')} did not finish within ${Math.round(o.budgetMs / 1000)} s (the embedded cluster is too slow for ${o.replicas} replicas); stopped it`));
      if (code !== 0) return reject(new BenchError(`node ${args.join(' ')} failed (exit ${code})`));
      const json = JSON.parse(readFileSync(join(ROOT, 'bench-results', 'cluster.json'), 'utf8')) as SimBenchJson;
      if (Date.parse(json.date) < started - 1000) return reject(new BenchError('lib/sim/bench.ts did not write a fresh bench-results/cluster.json'));
      resolve({ json, command: `node ${args.join(' ')}` });
    });
  });
}

/** Opens one raw watch from the current resourceVersion; counts the event lines it receives. */
function openWatch(url: string): Promise<{ count: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    let lines = 0;
    const req = request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new BenchError(`GET ${url} answered ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      });
      resolve({ count: () => lines, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function watchFanout(bc: BenchCluster, o: ClusterOptions): Promise<ClusterResult['watch']> {
  const shape = { namespace: 'bench-watch', name: 'w', replicas: 20, claims: false };
  createSet(bc.store, shape);
  await waitAllReady(bc.store, shape, 60_000);
  await new Promise((r) => setTimeout(r, 300));
  const rv = bc.store.currentRV();
  const url = `${bc.url}/api/v1/namespaces/${shape.namespace}/pods?watch=1&resourceVersion=${rv}&allowWatchBookmarks=false`;
  const watches = await Promise.all(Array.from({ length: o.watchers }, () => openWatch(url)));
  try {
    await new Promise((r) => setTimeout(r, 300));
    const base = watches.map((w) => w.count());
    const pods = podNames(shape.name, shape.replicas);
    // As in storms: the controllers' per-event re-syncs are not what this measures.
    bc.pauseControllers();
    const t0 = performance.now();
    for (let i = 0; i < o.watchEvents; i++) {
      flipPod(bc.store, shape.namespace, pods[i % pods.length], 3_000_000 + i);
      // Let the sockets drain now and then, as a steady writer would.
      if (i % 100 === 99) await new Promise((r) => setImmediate(r));
    }
    const writeMs = performance.now() - t0;
    const deadline = Date.now() + 120_000;
    const delivered = () => watches.reduce((n, w, i) => n + Math.min(o.watchEvents, w.count() - base[i]), 0);
    while (delivered() < o.watchers * o.watchEvents) {
      if (Date.now() > deadline) throw new BenchError(`watchers received ${delivered()} of ${o.watchers * o.watchEvents} events within 120 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      watchers: o.watchers, eventsPerWatcher: o.watchEvents, seconds: round(seconds, 2),
      deliveredPerSec: Math.round((o.watchers * o.watchEvents) / seconds), writesPerSec: Math.round(o.watchEvents / (writeMs / 1000)),
    };
  } finally {
    bc.resumeControllers();
    for (const w of watches) w.close();
  }
}

export async function runCluster(bc: BenchCluster, o: ClusterOptions): Promise<ClusterResult> {
  const watch = await watchFanout(bc, o);
  console.error(`[bench] ${o.watchers} watchers: ${watch.deliveredPerSec} events/s delivered`);
  const { json, command } = await runSimBench(o);
  return {
    command,
    allReady: { ...json.allReady, cpuUsPerPodEvent: json.cpuPerPodEvent.usPerEvent },
    listPods: { pods: json.listPods.pods, requests: json.listPods.requests, p50Ms: json.listPods.p50Ms, p99Ms: json.listPods.p99Ms, responseKiB: round(json.listPods.responseBytes / 1024) },
    watch,
  };
}
