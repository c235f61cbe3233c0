// The swimlane view's model: one lane per ordinal with a bar per phase over time (a gap while the
// pod does not exist), the user's actions as markers, and, for OrderedReady, the links that show
// why a pod started or was removed when it was ("web-1 was created after web-0 became Ready").
// Pure: times are the entries' own (server epoch ms); the chart maps them to pixels.

import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { type LanePhase, phaseAfter } from './transition-words.ts';

export interface Segment {
  phase: LanePhase;
  from: number;
  to: number;
  /** The pod was still in this phase at the end of the timeline. */
  open: boolean;
  /** This bar starts a new incarnation (a `created` entry). */
  born: boolean;
}

export interface Lane {
  ordinal: number;
  pod: string;
  segments: Segment[];
}

export interface Marker {
  seq: number;
  at: number;
  text: string;
}

/** An ordering dependency: `toPod` changed at `to` after `fromPod` reached a state at `from`. */
export interface Link {
  kind: 'created-after-ready' | 'removed-after-higher';
  fromOrdinal: number;
  toOrdinal: number;
  from: number;
  to: number;
}

export interface SwimlaneModel {
  start: number;
  end: number;
  lanes: Lane[];
  markers: Marker[];
  links: Link[];
}

interface Track {
  pod: string;
  segments: Segment[];
  phase: LanePhase | null;
  since: number;
  born: boolean;
}

/** Share of the visible span added after the last entry, so the last change is not on the edge. */
const END_PAD = 0.04;

/**
 * Lanes for the entries from `from` (epoch ms) on, built from ALL entries so a pod that was
 * already Ready before the window shows a Ready bar from the window's start.
 */
export function swimlaneModel(entries: readonly TimelineEntry[], options: { from: number; policy: string }): SwimlaneModel {
  const tracks = new Map<number, Track>();
  /** Ordinals with an entry inside the window: they get a lane even without a bar. */
  const seen = new Set<number>();
  const lastAt = entries.length > 0 ? entries[entries.length - 1].at : options.from;
  const start = Math.min(options.from, lastAt);
  const end = lastAt + Math.max(250, (lastAt - start) * END_PAD);
  for (const e of entries) {
    if (e.ordinal === null || e.pod === null) continue;
    if (e.at >= start) seen.add(e.ordinal);
    const t = tracks.get(e.ordinal) ?? { pod: e.pod, segments: [], phase: null, since: e.at, born: false };
    tracks.set(e.ordinal, t);
    const next = phaseAfter(e.transition, t.phase);
    if (next === undefined || (next === t.phase && e.transition !== 'created')) continue;
    close(t, e.at, false);
    t.pod = e.pod;
    t.phase = next;
    t.since = e.at;
    t.born = e.transition === 'created';
  }
  const lanes: Lane[] = [];
  for (const [ordinal, t] of [...tracks].sort((a, b) => a[0] - b[0])) {
    close(t, end, true);
    const segments = t.segments
      .filter((s) => s.to > start)
      .map((s) => (s.from < start ? { ...s, from: start, born: false } : s));
    if (segments.length > 0 || seen.has(ordinal)) lanes.push({ ordinal, pod: t.pod, segments });
  }
  const markers = entries.filter((e) => e.transition === 'action' && e.at >= start).map((e) => ({ seq: e.seq, at: e.at, text: e.text }));
  const links = options.policy === 'OrderedReady' ? orderingLinks(entries, start) : [];
  return { start, end, lanes, markers, links };
}

function close(t: Track, at: number, open: boolean): void {
  if (t.phase !== null && (at > t.since || open)) t.segments.push({ phase: t.phase, from: t.since, to: at, open, born: t.born });
}

/**
 * OrderedReady's two rules made visible: a pod is created only after the next lower ordinal is
 * Ready, and a pod is removed (scale-down, rolling update) only after the next higher one is gone
 * or Ready again. Each link joins the latest such moment before the change, when both lie in the
 * window and after the last action before the change (a Ready from before "Delete all pods"
 * explains nothing about the order that follows).
 */
function orderingLinks(entries: readonly TimelineEntry[], start: number): Link[] {
  const links: Link[] = [];
  const lastReady = new Map<number, number>();
  const lastSettled = new Map<number, number>();
  let lastAction = -Infinity;
  for (const e of entries) {
    if (e.transition === 'action') lastAction = e.at;
    if (e.ordinal === null) continue;
    const n = e.ordinal;
    const since = Math.max(start, lastAction);
    const ready = lastReady.get(n - 1);
    if (e.transition === 'created' && ready !== undefined && ready >= since) {
      links.push({ kind: 'created-after-ready', fromOrdinal: n - 1, toOrdinal: n, from: ready, to: e.at });
    }
    const settled = lastSettled.get(n + 1);
    if (e.transition === 'deleted' && settled !== undefined && settled >= since) {
      links.push({ kind: 'removed-after-higher', fromOrdinal: n + 1, toOrdinal: n, from: settled, to: e.at });
    }
    if (e.transition === 'ready') { lastReady.set(n, e.at); lastSettled.set(n, e.at); }
    if (e.transition === 'gone') { lastReady.delete(n); lastSettled.set(n, e.at); }
    if (e.transition === 'deleted' || e.transition === 'not-ready') lastReady.delete(n);
  }
  return links;
}
