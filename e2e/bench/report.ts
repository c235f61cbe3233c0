// The bench's report: one JSON document (bench-results/bench.json) and a Markdown rendering of it
// (bench-results/bench.md, and the README's performance section). Contract: buildReport refuses
// a result with nothing measured; every target is listed with its figure and whether it is met.

import type { ClusterResult } from './scenario-cluster.ts';
import type { FanoutLevel, SlowReaderResult } from './scenario-fanout.ts';
import type { LargeResult } from './scenario-large.ts';
import type { BundleResult, LatencyResult } from './scenario-latency.ts';
import { BenchError, round, type Summary } from './stats.ts';

export interface Machine {
  cpuModel: string;
  cores: number;
  totalMemoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  kubectl: string;
  next: string;
  react: string;
  clientNode: string;
  /** os.loadavg() (1, 5, 15 min) when the bench started and ended: the machine may be shared. */
  loadAvgStart: number[];
  loadAvgEnd: number[];
}

export interface Scenarios {
  latency?: LatencyResult;
  fanout?: { levels: FanoutLevel[]; slowReader: SlowReaderResult };
  large?: LargeResult;
  bundle?: BundleResult;
  cluster?: ClusterResult;
}

export interface Target {
  id: string;
  what: string;
  limit: string;
  value: string;
  met: boolean;
}

export interface BenchReport {
  date: string;
  mode: 'quick' | 'full';
  command: string;
  durationS: number;
  machine: Machine;
  scenarios: Scenarios;
  targets: Target[];
}

const ms = (n: number) => `${n} ms`;
const pct = (s: Summary) => `p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms (n=${s.n})`;

function target(id: string, what: string, value: number, limit: number, unit: string): Target {
  return { id, what, limit: `≤ ${limit} ${unit}`, value: `${value} ${unit}`, met: value <= limit };
}

export function evaluateTargets(s: Scenarios): Target[] {
  const t: Target[] = [];
  if (s.latency) {
    t.push(target('latency-p99', 'event → DOM p99', s.latency.dashboard.p99, 100, 'ms'));
    t.push(target('latency-vs-kubectl', 'dashboard p50 minus kubectl p50', s.latency.p50GapMs, 30, 'ms'));
  }
  if (s.fanout) {
    const top = s.fanout.levels.reduce((a, b) => (b.clients > a.clients ? b : a));
    const first = s.fanout.levels[0];
    const most = Math.max(...s.fanout.levels.map((l) => l.upstreamWatches.namespaceMax));
    t.push({ id: 'fanout-watches', what: `upstream watches in the set's namespace, ${first.clients} → ${top.clients} clients`, limit: 'no growth', value: `${first.upstreamWatches.namespaceMax} → ${most}`, met: most <= first.upstreamWatches.namespaceMax && most > 0 });
    t.push(target('fanout-rss', `server RSS with ${top.clients} clients`, Math.max(...s.fanout.levels.map((l) => l.rssMiB.peak)), 300, 'MiB'));
    t.push(target('fanout-delivery', `delivery p99 with ${top.clients} clients`, top.delivery.p99, 250, 'ms'));
    const sr = s.fanout.slowReader;
    const grew = Math.round((sr.rssMiB.peak - sr.rssMiB.start) * 10) / 10;
    t.push({
      id: 'slow-reader', what: 'stalled reader: server memory bounded, client catches up', limit: 'RSS +≤ 25 MiB, retained heap ≤ 1 MiB/10 s',
      value: `RSS +${grew} MiB, retained heap ${sr.retainedTrendMiBPer10s} MiB/10 s, caught up: ${sr.afterResume}`,
      met: grew <= 25 && sr.retainedTrendMiBPer10s <= 1 && sr.afterResume !== 'stuck',
    });
  }
  if (s.large) {
    t.push(target('large-graph', `${s.large.replicas} replicas: navigation → full graph (median)`, s.large.fullGraphMs.median, 2000, 'ms'));
    t.push(target('large-snapshot', 'snapshot on the wire (1 MB = 10^6 bytes)', round(s.large.snapshotBytes / 1e6, 2), 1.5, 'MB'));
    const storm = s.large.storm;
    const what = `longest task during ${storm.ratePerSec} changes/s`;
    // The Long Tasks API reports only tasks over 50 ms: none reported is "under 50 ms", not 0 ms.
    t.push(storm.longTasks === 0
      ? { id: 'large-long-task', what, limit: '≤ 100 ms', value: 'none over 50 ms', met: true }
      : target('large-long-task', what, storm.longestTaskMs, 100, 'ms'));
  }
  if (s.bundle) t.push(target('bundle', 'first-load JS, gzipped (1 kB = 1000 bytes)', round(s.bundle.gzipBytes / 1000), 250, 'kB'));
  return t;
}

export function buildReport(input: Omit<BenchReport, 'targets'>): BenchReport {
  const s = input.scenarios;
  if (!s.latency && !s.fanout && !s.large && !s.bundle && !s.cluster) throw new BenchError('no scenario produced a result: nothing was measured');
  if (s.fanout && s.fanout.levels.length === 0) throw new BenchError('fan-out: no client levels measured');
  return { ...input, targets: evaluateTargets(s) };
}

function machineLines(r: BenchReport): string[] {
  const m = r.machine;
  return [
    `- **Command:** \`${r.command}\` (${r.mode} mode, ${r.durationS} s)`,
    `- **Date:** ${r.date}`,
    `- **Machine:** ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB RAM, ${m.os}; load average ${m.loadAvgStart.join(' / ')} at start, ${m.loadAvgEnd.join(' / ')} at end (1/5/15 min)`,
    `- **Versions:** Node ${m.node}, Chromium ${m.chromium}, kubectl ${m.kubectl}, Next.js ${m.next}, React ${m.react}, @kubernetes/client-node ${m.clientNode}`,
  ];
}

function latencyRows(l: LatencyResult): string[] {
  return [
    `| 1 | event → DOM (${l.changes} changes at ${l.achievedRatePerSec}/s on ${l.pods} pods; ${l.dashboard.missed} unseen) | ${pct(l.dashboard)} |`,
    `| 1 | kubectl get pods -w -o json (${l.kubectl.missed} unseen) | ${pct(l.kubectl)} |`,
    `| 1 | raw client-node Watch (${l.clientNode.missed} unseen) | ${pct(l.clientNode)} |`,
    `| 1 | the dashboard's SSE stream, read outside the browser (server share) | ${pct(l.sse)} |`,
    `| 1 | dashboard minus kubectl, per change | ${pct(l.dashboardMinusKubectl)}; p50 gap ${ms(l.p50GapMs)} |`,
  ];
}

function fanoutRows(f: NonNullable<Scenarios['fanout']>): string[] {
  const rows = f.levels.map((l) =>
    `| 2 | ${l.clients} SSE clients, ${l.changes} changes (${l.achievedRatePerSec}/s) | delivery ${pct(l.delivery)}; RSS ${l.rssMiB.start} → ${l.rssMiB.peak} MiB; CPU ${l.cpuPercent}% of a core; upstream watches in the namespace ${l.upstreamWatches.namespace} (max ${l.upstreamWatches.namespaceMax}; ${l.upstreamWatches.totalMax} in all); ${l.resyncedClients} clients resynced; client thread lag p99 ${l.clientLoopLagMs.p99} ms |`);
  const s = f.slowReader;
  rows.push(`| 2 | one stalled reader, ${s.changes} changes in ${s.stormMs / 1000} s | RSS ${s.rssMiB.start} → peak ${s.rssMiB.peak} → ${s.rssMiB.end} MiB (trend ${s.secondHalfGrowthMiBPer10s} MiB/10 s in the second half); JS heap retained after a full GC ${s.retainedHeapMiB.start} → ${s.retainedHeapMiB.end} MiB (${s.retainedHeapMiB.samples} readings, trend ${s.retainedTrendMiBPer10s} MiB/10 s in the second half); caught up on resume: ${s.afterResume} (${Math.round(s.bytesAfterResume / 1024)} KiB read); other client ${pct(s.normalClientDelivery)} |`);
  return rows;
}

function largeRows(l: LargeResult): string[] {
  const f = l.fullGraphMs;
  return [
    `| 3 | ${l.replicas}-replica Parallel set (${l.graphNodes} nodes, ${l.graphEdges} edges): navigation → full graph | min ${f.min} / median ${f.median} / max ${f.max} ms (${f.n} loads) |`,
    `| 3 | snapshot on the wire | ${l.snapshotKiB} KiB (${l.snapshotGzipKiB} KiB gzipped); setup: all pods Ready in ${round(l.setupMs / 1000)} s, scaled up 50 at a time |`,
    `| 3 | ${l.storm.changes} changes in ${round(l.storm.changes / l.storm.achievedRatePerSec)} s (${l.storm.achievedRatePerSec}/s of ${l.storm.ratePerSec}/s asked; ${l.storm.domUpdates} DOM updates; caught up ${l.storm.catchUpMs === null ? 'not within 60 s' : `${l.storm.catchUpMs} ms after the last write`}) | ${l.storm.longTasks === 0 ? 'no task over 50 ms (the Long Tasks API reports only those)' : `${l.storm.longTasks} long tasks > 50 ms, ${l.storm.longTasksOver100ms} > 100 ms, longest ${l.storm.longestTaskMs} ms`}; ${l.storm.frames} frames${l.storm.frameInterval ? `, interval ${pct(l.storm.frameInterval)}` : ''} |`,
    `| 3 | tab memory after the storm | JS heap ${l.tab.jsHeapUsedMiB} MiB used (${l.tab.jsHeapTotalMiB} MiB total), ${l.tab.domNodes} DOM nodes |`,
  ];
}

function clusterRows(c: ClusterResult): string[] {
  const a = c.allReady;
  return [
    `| 5 | ${a.replicas}-replica Parallel set to all Ready, speed instant (${a.runs} runs) | min ${a.minMs} / median ${a.medianMs} / max ${a.maxMs} ms; ${a.cpuUsPerPodEvent} µs CPU per pod event |`,
    `| 5 | list ${c.listPods.pods} pods (${c.listPods.requests} requests) | p50 ${c.listPods.p50Ms} / p99 ${c.listPods.p99Ms} ms, ${c.listPods.responseKiB} KiB |`,
    `| 5 | watch events to ${c.watch.watchers} watchers (${c.watch.eventsPerWatcher} each) | ${c.watch.deliveredPerSec} events/s delivered (${c.watch.seconds} s; writes at ${c.watch.writesPerSec}/s) |`,
  ];
}

const NOTES = [
  'How it measures (details in `e2e/bench/`): a change is one store write in the embedded cluster that flips a pod\'s readiness;',
  'its commit time is taken in the same process, and every observer (the page\'s MutationObserver on `data-ready`, `kubectl get pods -w`,',
  'a client-node Watch, SSE readers) stamps arrival with the same wall clock. While the bench writes, the StatefulSet and EndpointSlice',
  'controllers are paused (the embedded cluster re-syncs them on every pod event, which would cap the write rate), so the dashboard sees',
  'exactly the pod changes written. Fan-out clients run in a worker thread of the bench process; their own event-loop lag is reported.',
  'A stalled reader\'s missed messages may fit in the kernel\'s socket buffers ("in-order"), in which case the server never had to drop them.',
  'While it is stalled, the server\'s retained JavaScript heap is read about once a second over the V8 inspector (a full GC, then the heap in',
  'use; the bench starts the server with --inspect on loopback): RSS follows the garbage collector\'s sawtooth, which grows by megabytes between',
  'major collections at this change rate with or without a stalled client. Trends are least-squares fits over the second half of the stall.',
  'The large set is navigated to in a fresh browser context (cold cache) once the cluster has been quiet for 1.5 s after the scale-up; it is',
  '"drawn" when every pod, PVC and PV is on the page (a tile of the tile field, or a card) and every relation is drawn (React Flow edges plus',
  'the tile field\'s path segments, counted by their `data-edges`).',
];

export function renderMarkdown(r: BenchReport): string {
  const s = r.scenarios;
  const rows = [
    ...(s.latency ? latencyRows(s.latency) : []),
    ...(s.fanout ? fanoutRows(s.fanout) : []),
    ...(s.large ? largeRows(s.large) : []),
    ...(s.bundle ? [`| 4 | first-load JavaScript of the dashboard page (${s.bundle.scripts} files) | ${s.bundle.gzipKiB} KiB gzipped (${s.bundle.rawKiB} KiB raw, ${s.bundle.wireKiB} KiB as served) |`] : []),
    ...(s.cluster ? clusterRows(s.cluster) : []),
  ];
  const met = r.targets.filter((t) => t.met).length;
  return [
    ...machineLines(r),
    '',
    '| # | measurement | result |',
    '|---|---|---|',
    ...rows,
    '',
    `**Targets: ${met} of ${r.targets.length} met.**`,
    '',
    '| target | limit | measured | met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.what} | ${t.limit} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    ...NOTES,
    '',
  ].join('\n');
}

export const PERF_START = '<!-- perf:start -->';
export const PERF_END = '<!-- perf:end -->';

/** The README with its performance section (between the markers) replaced, or appended at the end. */
export function replacePerfSection(readme: string, section: string): string {
  const block = `${PERF_START}\n${section.trim()}\n${PERF_END}`;
  const a = readme.indexOf(PERF_START);
  const b = readme.indexOf(PERF_END);
  if (a >= 0 && b > a) return readme.slice(0, a) + block + readme.slice(b + PERF_END.length);
  return `${readme.trimEnd()}\n\n${block}\n`;
}
