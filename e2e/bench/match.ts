// Pairs the bench's writes with what observers saw, to turn timestamps into latencies.
// DOM: the page records data-ready flips per pod; a pod's writes alternate its readiness, so the
// k-th write on a pod is seen as the first later flip to the value it wrote. A write whose flip
// never shows (e.g. merged with the pod's next write) counts as missed, never as a latency.

import type { Commit } from './bench-cluster.ts';
import type { AttrRecord } from './browser-probes.ts';

/** Tolerance (ms) for two clocks of one machine read through different APIs. */
const SKEW_MS = 2;

export interface Matched {
  /** Latencies (ms) in commit order, for the writes that were seen. */
  latencies: number[];
  /** seq -> latency. */
  bySeq: Map<number, number>;
  missed: number;
}

export function matchDom(commits: readonly Commit[], records: readonly AttrRecord[], podIdPrefix: string): Matched {
  const flips = new Map<string, Array<{ value: string; t: number }>>();
  for (const [id, attr, value, t] of records) {
    if (attr !== 'data-ready' || !id.startsWith(podIdPrefix)) continue;
    const pod = id.slice(podIdPrefix.length);
    let list = flips.get(pod);
    if (!list) flips.set(pod, (list = []));
    list.push({ value, t });
  }
  const next = new Map<string, number>();
  const out: Matched = { latencies: [], bySeq: new Map(), missed: 0 };
  for (const c of commits) {
    const list = flips.get(c.pod) ?? [];
    let j = next.get(c.pod) ?? 0;
    while (j < list.length && !(list[j].value === String(c.ready) && list[j].t >= c.at - SKEW_MS)) j++;
    if (j >= list.length) {
      out.missed++;
      continue;
    }
    const ms = list[j].t - c.at;
    out.latencies.push(ms);
    out.bySeq.set(c.seq, ms);
    next.set(c.pod, j + 1);
  }
  return out;
}

/** Latencies for an observer that reports arrival per seq. */
export function matchSeq(commits: readonly Commit[], seen: ReadonlyMap<number, number>): Matched {
  const out: Matched = { latencies: [], bySeq: new Map(), missed: 0 };
  for (const c of commits) {
    const t = seen.get(c.seq);
    if (t === undefined) { out.missed++; continue; }
    out.latencies.push(t - c.at);
    out.bySeq.set(c.seq, t - c.at);
  }
  return out;
}

/** Per-write difference a - b, for writes both saw. */
export function pairedDifference(a: Matched, b: Matched): number[] {
  const out: number[] = [];
  for (const [seq, ms] of a.bySeq) {
    const other = b.bySeq.get(seq);
    if (other !== undefined) out.push(ms - other);
  }
  return out;
}

interface PatchPod { name?: string; placeholder?: boolean; restartCount?: number }

/**
 * Which writes each `patch` message of the stream carries (by message id), from one reader that
 * kept the payloads: a patch upserting pod P with restartCount r carries every write to P with
 * restarts <= r not carried before.
 */
export function patchCoverage(commits: readonly Commit[], events: ReadonlyArray<{ id: string | null; event: string; data: string }>): Map<string, Commit[]> {
  const byPod = new Map<string, Commit[]>();
  for (const c of commits) {
    let list = byPod.get(c.pod);
    if (!list) byPod.set(c.pod, (list = []));
    list.push(c);
  }
  const done = new Map<string, number>();
  const out = new Map<string, Commit[]>();
  for (const e of events) {
    if (e.event !== 'patch' || e.id === null) continue;
    const upserts = (JSON.parse(e.data) as { pods?: { upsert?: PatchPod[] } }).pods?.upsert ?? [];
    const carried: Commit[] = [];
    for (const p of upserts) {
      if (!p.name || p.placeholder || p.restartCount === undefined) continue;
      const list = byPod.get(p.name) ?? [];
      let i = done.get(p.name) ?? 0;
      while (i < list.length && list[i].restarts <= p.restartCount) carried.push(list[i++]);
      done.set(p.name, i);
    }
    if (carried.length > 0) out.set(e.id, carried);
  }
  return out;
}

/** Delivery latencies (ms) of one reader's patch messages, given the coverage map. */
export function deliveryLatencies(coverage: ReadonlyMap<string, Commit[]>, events: ReadonlyArray<{ id: string | null; event: string; at: number }>): number[] {
  const out: number[] = [];
  for (const e of events) {
    if (e.event !== 'patch' || e.id === null) continue;
    for (const c of coverage.get(e.id) ?? []) out.push(e.at - c.at);
  }
  return out;
}
