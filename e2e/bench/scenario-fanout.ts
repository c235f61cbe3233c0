// Scenario 2: 1, 10, 100, 250 concurrent SSE clients on one StatefulSet during a change storm:
// upstream watches on the API server (must not grow with clients), the dashboard server's RSS
// and CPU, and delivery latency (write -> message received by each client). Then one client
// that stops reading: the server's memory must stay bounded, and the client gets a fresh
// snapshot when it reads again. Limit: the clients run in the bench process, which also runs
// the cluster, so their receive times include this process's own queueing.

import { createSet, podNames, storm, waitAllReady, type BenchCluster } from './bench-cluster.ts';
import type { DashboardServer } from './dashboard-server.ts';
import { deliveryLatencies, patchCoverage } from './match.ts';
import { sampleProcess } from './proc-stats.ts';
import { openReaders, SseReader } from './sse-client.ts';
import { openFleet } from './sse-fleet.ts';
import { HeapProbe } from './heap-probe.ts';
import { BenchError, requireCount, round, slope, summarize, type Summary } from './stats.ts';

export interface FanoutOptions {
  levels: number[];
  stormMs: number;
  ratePerSec: number;
  replicas: number;
  slowReaderMs: number;
}

export interface FanoutLevel {
  clients: number;
  changes: number;
  /** Writes per second the bench managed (below the plan when the cluster process is starved). */
  achievedRatePerSec: number;
  /** Watches on the API server: in the set's namespace, and in all (other namespaces' lingering caches included). */
  upstreamWatches: { namespace: number; namespaceMax: number; totalMax: number };
  rssMiB: { start: number; peak: number };
  cpuPercent: number;
  delivery: Summary;
  messagesPerClient: number;
  /** Clients that fell behind and were re-sent a snapshot. */
  resyncedClients: number;
  undelivered: number;
  /** Event-loop delay of the thread running the clients: high values mean the clients, not the server, were late. */
  clientLoopLagMs: { p99: number; max: number };
}

export interface SlowReaderResult {
  stormMs: number;
  changes: number;
  rssMiB: { start: number; peak: number; end: number };
  /** RSS trend over the second half of the storm (MiB per 10 s, least squares); GC timing moves it. */
  secondHalfGrowthMiBPer10s: number;
  /** JavaScript heap in use after a forced full GC (heap-probe.ts), before the stall and after it. */
  retainedHeapMiB: { start: number; end: number; samples: number };
  /** Trend of that retained heap over the second half of the storm (MiB per 10 s): ~0 when bounded. */
  retainedTrendMiBPer10s: number;
  /**
   * How the stalled client caught up once it read again: 'snapshot' (the server dropped its
   * queue and resent the state), 'in-order' (every message it missed was still in the
   * kernel's socket buffers), 'stuck' (not within 15 s: a failure).
   */
  afterResume: 'snapshot' | 'in-order' | 'stuck';
  /** Bytes the client read after resuming until it was current. */
  bytesAfterResume: number;
  normalClientDelivery: Summary;
}

const NS = 'bench-fanout';
const NAME = 'fan';

const watchUrl = (dash: DashboardServer) => `${dash.url}/api/namespaces/${NS}/statefulsets/${NAME}/watch`;

async function runLevel(bc: BenchCluster, dash: DashboardServer, clients: number, o: FanoutOptions, seq0: number): Promise<FanoutLevel> {
  const fleet = await openFleet(watchUrl(dash), clients);
  try {
    await new Promise((r) => setTimeout(r, 300));
    const before = bc.watchCount(NS);
    let nsMax = before;
    let totalMax = bc.api.watches.size;
    const probe = setInterval(() => {
      nsMax = Math.max(nsMax, bc.watchCount(NS));
      totalMax = Math.max(totalMax, bc.api.watches.size);
    }, 100);
    const proc = sampleProcess(dash.pid);
    const commits = await storm(bc, { namespace: NS, pods: podNames(NAME, o.replicas), ratePerSec: o.ratePerSec, durationMs: o.stormMs, seq0 });
    await new Promise((r) => setTimeout(r, 1000));
    const usage = proc.stop();
    clearInterval(probe);
    const { readers, loopLagMs } = await fleet.collect();
    const failed = readers.filter((r) => r.error !== null);
    if (failed.length > 0) throw new BenchError(`fan-out ${clients}: ${failed.length} clients failed (${failed[0].error})`);
    const coverage = patchCoverage(commits, readers[0].events);
    const carried = [...coverage.values()].reduce((n, cs) => n + cs.length, 0);
    requireCount(carried, Math.ceil(commits.length * 0.5), `fan-out ${clients}: changes traced in the stream`);
    const samples: number[] = [];
    let resynced = 0;
    for (const r of readers) {
      if (r.events.filter((e) => e.event === 'snapshot').length > 1) resynced++;
      for (const ms of deliveryLatencies(coverage, r.events)) samples.push(ms);
    }
    const messages = readers.reduce((n, r) => n + r.events.length, 0);
    return {
      clients, changes: commits.length, achievedRatePerSec: round(commits.length / (o.stormMs / 1000)),
      upstreamWatches: { namespace: before, namespaceMax: nsMax, totalMax },
      rssMiB: { start: round(usage.startRssMiB), peak: round(usage.peakRssMiB) },
      cpuPercent: round(usage.cpuPercent),
      delivery: summarize(samples, `fan-out ${clients} clients: delivery latency`),
      messagesPerClient: round(messages / clients),
      resyncedClients: resynced,
      undelivered: commits.length - carried,
      clientLoopLagMs: { p99: round(loopLagMs.p99), max: round(loopLagMs.max) },
    };
  } finally {
    await fleet.terminate();
  }
}

/** Waits until `r` has a message with an id at least `id`; how it got there. */
async function catchUp(r: SseReader, from: number, id: number, timeoutMs: number): Promise<SlowReaderResult['afterResume']> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const fresh = r.events.slice(from);
    if (fresh.some((e) => Number(e.id) >= id)) return fresh.some((e) => e.event === 'snapshot') ? 'snapshot' : 'in-order';
    await new Promise((res) => setTimeout(res, 50));
  }
  return 'stuck';
}

async function runSlowReader(bc: BenchCluster, dash: DashboardServer, o: FanoutOptions, seq0: number): Promise<SlowReaderResult> {
  if (!dash.inspectorUrl) throw new BenchError('stalled reader: the dashboard server was started without its inspector (heap-probe.ts)');
  const heap = await HeapProbe.connect(dash.inspectorUrl);
  const [normal] = await openReaders(watchUrl(dash), 1, true);
  const slow = new SseReader();
  await slow.open(watchUrl(dash));
  try {
    await Promise.all([normal.waitFor('snapshot', 30_000), slow.waitFor('snapshot', 30_000)]);
    slow.pause();
    // Retained heap about once a second (each reading is a full GC of the server, ~10-50 ms).
    const retained: Array<{ t: number; y: number }> = [];
    const readHeap = async () => { retained.push({ t: Date.now(), y: await heap.retainedMiB() }); };
    await readHeap();
    let sampling = true;
    const heapLoop = (async () => {
      while (sampling) {
        await new Promise((r) => setTimeout(r, 1000));
        await readHeap();
      }
    })();
    const proc = sampleProcess(dash.pid, 250);
    const commits = await storm(bc, { namespace: NS, pods: podNames(NAME, o.replicas), ratePerSec: o.ratePerSec, durationMs: o.slowReaderMs, seq0 });
    await new Promise((r) => setTimeout(r, 1000));
    const usage = proc.stop();
    sampling = false;
    await heapLoop;
    const t0 = proc.samples[0].t;
    const secondHalf = (t: number) => t >= t0 + usage.wallMs / 2;
    const growth = slope(proc.samples.filter((s) => secondHalf(s.t)).map((s) => ({ t: s.t, y: s.rss })), 'stalled reader: server RSS in the second half') * 10_000;
    const retainedTrend = slope(retained.filter((s) => secondHalf(s.t)), 'stalled reader: retained heap in the second half') * 10_000;
    const lastId = Math.max(...normal.events.map((e) => Number(e.id ?? 0)));
    const seenBefore = slow.events.length;
    const bytesBefore = slow.bytes;
    slow.resume();
    const afterResume = await catchUp(slow, seenBefore, lastId, 15_000);
    const coverage = patchCoverage(commits, normal.events);
    return {
      stormMs: o.slowReaderMs, changes: commits.length,
      rssMiB: { start: round(usage.startRssMiB), peak: round(usage.peakRssMiB), end: round(usage.endRssMiB) },
      secondHalfGrowthMiBPer10s: round(growth),
      retainedHeapMiB: { start: round(retained[0].y), end: round(retained[retained.length - 1].y), samples: retained.length },
      retainedTrendMiBPer10s: round(retainedTrend, 2),
      afterResume,
      bytesAfterResume: slow.bytes - bytesBefore,
      normalClientDelivery: summarize(deliveryLatencies(coverage, normal.events), 'slow-reader phase: the normal client\'s delivery latency'),
    };
  } finally {
    normal.close();
    slow.close();
    heap.close();
  }
}

export async function runFanout(bc: BenchCluster, dash: DashboardServer, o: FanoutOptions): Promise<{ levels: FanoutLevel[]; slowReader: SlowReaderResult }> {
  const shape = { namespace: NS, name: NAME, replicas: o.replicas, claims: true };
  createSet(bc.store, shape);
  await waitAllReady(bc.store, shape, 60_000);
  const levels: FanoutLevel[] = [];
  let seq = 1_000_000;
  for (const n of o.levels) {
    const level = await runLevel(bc, dash, n, o, seq);
    seq += level.changes + 1;
    levels.push(level);
    console.error(`[bench] fan-out ${n} clients: delivery p99 ${level.delivery.p99} ms, RSS peak ${level.rssMiB.peak} MiB, CPU ${level.cpuPercent}%, watches in ${NS} ${level.upstreamWatches.namespaceMax}`);
  }
  if (levels.length === 0) throw new BenchError('fan-out: no client levels were run');
  const slowReader = await runSlowReader(bc, dash, o, seq);
  return { levels, slowReader };
}
