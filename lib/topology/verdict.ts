// The ordering verdict: one sentence on whether the pods changed in the order the StatefulSet's
// podManagementPolicy promises (statefulset-semantics.md §2.2, §3.2), judged from the timeline
// since the user's last action (or the whole timeline when there is none, e.g. after a kubectl
// command). Pure and browser-safe; the page shows it under the timeline.
//
// The sequence is classified from the pod entries:
//   recreated  deleted/gone, then created again      -> "delete pods" or a rolling update
//   added      created without being removed first   -> scale up
//   removed    deleted/gone and not created again    -> scale down
// It is judged only once settled: every added or recreated pod Ready, every removed pod gone and
// not expected back, and, after a scale from the dashboard, as many pods added or removed as
// asked. A removed pod is expected back when its ordinal is in range (when `set` is
// given) or when the last action was a pod deletion or an update; otherwise gone is final.
// Checks (OrderedReady): scale up and re-creation in ascending ordinal, each pod created only
// after the previous one was Ready; scale down from the highest ordinal, each deleted only after
// the one above was gone; rolling updates (any policy) from the highest ordinal, each pod
// replaced after the one above was Ready again.
// Limits: a mix of kinds (a scale up during a rolling update) gives null; maxUnavailable > 1
// (alpha) legitimately replaces several pods at once and is reported as out of order.

import type { TimelineEntry } from '../stream/wire.ts';
import { parseActionText, type ActionKind, type ParsedAction } from './action-text.ts';

export type PodPolicy = 'OrderedReady' | 'Parallel';

export interface Verdict {
  text: string;
  ok: boolean;
}

/** Optional facts about the set now, to tell a pod that will come back from one scaled away. */
export interface VerdictSet {
  replicas: number;
  ordinalsStart?: number;
}

interface Story {
  name: string;
  ordinal: number;
  kind: 'recreated' | 'added' | 'removed' | 'touched' | 'other';
  /** Indices into the segment. */
  removedAt?: number;
  goneAt?: number;
  createdAt?: number;
  readyAt?: number;
  last: TimelineEntry['transition'];
}

const REMOVAL = new Set(['deleted', 'gone']);

function story(name: string, steps: Array<{ e: TimelineEntry; i: number }>): Story {
  const first = (t: string | Set<string>, after = -1) => steps.find((s) => s.i > after && (typeof t === 'string' ? s.e.transition === t : t.has(s.e.transition)))?.i;
  const removedAt = first(REMOVAL);
  const createdFirst = first('created');
  const base = { name, ordinal: steps[0].e.ordinal ?? -1, last: steps[steps.length - 1].e.transition };
  if (removedAt !== undefined && (createdFirst === undefined || removedAt < createdFirst)) {
    const createdAt = first('created', removedAt);
    if (createdAt === undefined) return { ...base, kind: 'removed', removedAt, goneAt: first('gone', removedAt - 1) };
    return { ...base, kind: 'recreated', removedAt, createdAt, readyAt: first('ready', createdAt) };
  }
  if (createdFirst !== undefined) {
    const later = first(REMOVAL, createdFirst);
    return { ...base, kind: later === undefined ? 'added' : 'other', createdAt: createdFirst, readyAt: first('ready', createdFirst) };
  }
  return { ...base, kind: 'touched' };
}

function expectedBack(s: Story, action: ActionKind | null, set: VerdictSet | undefined): boolean {
  if (set) {
    const start = set.ordinalsStart ?? 0;
    return s.ordinal >= start && s.ordinal < start + set.replicas;
  }
  return action !== null && action !== 'scale';
}

function settled(s: Story, action: ActionKind | null, set: VerdictSet | undefined): boolean {
  if (s.kind === 'recreated' || s.kind === 'added') return s.readyAt !== undefined && s.last === 'ready';
  if (s.kind === 'removed') return s.last === 'gone' && !expectedBack(s, action, set);
  if (s.kind === 'other') return false;
  return true;
}

const chain = (xs: Story[]) => xs.map((s) => s.name).join(' -> ');
const list = (xs: Story[]) => xs.map((s) => s.name).join(', ');

/** Each created after the previous one (ascending) was Ready; the first violation, or null. */
function createdInOrder(xs: Story[]): string | null {
  for (let i = 1; i < xs.length; i++) {
    const [a, b] = [xs[i - 1], xs[i]];
    if ((b.createdAt as number) < (a.createdAt as number)) return `${b.name} was created before ${a.name}`;
    if ((b.createdAt as number) < (a.readyAt as number)) return `${b.name} was created before ${a.name} was Ready`;
  }
  return null;
}

// Linear, not a min per story: a 1,000-pod scale-up is a million comparisons otherwise.
const minOf = (values: readonly number[]) => values.reduce((m, v) => (v < m ? v : m), Infinity);
const atOnce = (xs: Story[]) => {
  const firstReady = minOf(xs.map((x) => x.readyAt as number));
  return xs.every((s) => (s.createdAt as number) < firstReady);
};

function scaleUp(xs: Story[], policy: PodPolicy): Verdict {
  if (policy === 'Parallel') {
    if (xs.length === 1) return { ok: true, text: `Scaled up: ${xs[0].name} created and Ready (Parallel)` };
    return { ok: true, text: `Scaled up: ${list(xs)} created ${atOnce(xs) ? 'at once, without waiting for one another to be Ready' : 'without ordering guarantees'} (Parallel)` };
  }
  const bad = createdInOrder(xs);
  if (bad) return { ok: false, text: `Out of order: ${bad}, but OrderedReady creates each pod only after the previous one is Running and Ready` };
  if (xs.length === 1) return { ok: true, text: `Scaled up: ${xs[0].name} created and Ready (OrderedReady)` };
  return { ok: true, text: `Scaled up in order ${chain(xs)}; each created after the previous was Ready (OrderedReady)` };
}

function scaleDown(xs: Story[], policy: PodPolicy): Verdict {
  const top = [...xs].sort((a, b) => b.ordinal - a.ordinal);
  if (policy === 'Parallel') return { ok: true, text: `Scaled down: ${list(top)} removed${top.length > 1 ? ' at once, without waiting for one another' : ''} (Parallel)` };
  for (let i = 1; i < top.length; i++) {
    const [hi, lo] = [top[i - 1], top[i]];
    const why = (lo.removedAt as number) < (hi.removedAt as number) ? `${lo.name} was deleted before ${hi.name}`
      : (lo.removedAt as number) < (hi.goneAt ?? Infinity) ? `${lo.name} was deleted before ${hi.name} was gone` : null;
    if (why) return { ok: false, text: `Out of order: ${why}, but OrderedReady removes the highest ordinal first, one pod at a time` };
  }
  if (top.length === 1) return { ok: true, text: `Scaled down: ${top[0].name} removed (OrderedReady)` };
  return { ok: true, text: `Scaled down in order ${chain(top)}; each removed only after the higher one was gone (OrderedReady)` };
}

function recreated(xs: Story[], policy: PodPolicy): Verdict {
  if (xs.length === 1) return { ok: true, text: `Recreated ${xs[0].name} with the same name (new uid); it is Ready again` };
  if (policy === 'Parallel') {
    return { ok: true, text: `Recreated ${list(xs)} ${atOnce(xs) ? 'at once, without waiting for one another to be Ready' : 'without ordering guarantees'} (Parallel)` };
  }
  const bad = createdInOrder(xs);
  if (bad) return { ok: false, text: `Out of order: ${bad}, but OrderedReady starts each pod only after the previous one is Ready` };
  return { ok: true, text: `Recreated in order ${chain(xs)}; each started after the previous was Ready (OrderedReady)` };
}

function rollingUpdate(xs: Story[]): Verdict {
  const top = [...xs].sort((a, b) => b.ordinal - a.ordinal);
  for (let i = 1; i < top.length; i++) {
    const [hi, lo] = [top[i - 1], top[i]];
    const why = (lo.removedAt as number) < (hi.removedAt as number) ? `${lo.name} was replaced before ${hi.name}`
      : (lo.removedAt as number) < (hi.readyAt as number) ? `${lo.name} was deleted before ${hi.name} was Ready again` : null;
    if (why) return { ok: false, text: `Out of order: ${why}, but a rolling update replaces one pod at a time from the highest ordinal` };
  }
  if (top.length === 1) return { ok: true, text: `Rolling update: ${top[0].name} replaced and Ready again` };
  return { ok: true, text: `Rolling update from the top: ${chain(top)}; each replaced after the one above was Ready again` };
}

/** The verdict on the sequence since the last action, once it settled; null before, or when there is nothing to judge. */
export function orderingVerdict(entries: readonly TimelineEntry[], policy: PodPolicy, set?: VerdictSet): Verdict | null {
  let from = 0;
  let asked: ParsedAction | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].transition !== 'action') continue;
    from = i + 1;
    asked = parseActionText(entries[i].text);
    break;
  }
  const action = asked?.kind ?? null;
  const byPod = new Map<string, Array<{ e: TimelineEntry; i: number }>>();
  entries.slice(from).forEach((e, i) => {
    if (e.pod === null || e.transition === 'event' || e.transition === 'action') return;
    const steps = byPod.get(e.pod) ?? [];
    steps.push({ e, i });
    byPod.set(e.pod, steps);
  });
  const stories = [...byPod].map(([name, steps]) => story(name, steps)).sort((a, b) => a.ordinal - b.ordinal);
  if (!stories.every((s) => settled(s, action, set))) return null;
  const of = (k: Story['kind']) => stories.filter((s) => s.kind === k);
  const [re, added, removed] = [of('recreated'), of('added'), of('removed')];
  const kinds = [re, added, removed].filter((x) => x.length > 0).length;
  if (kinds !== 1) return null;
  // A scale from the dashboard says how many pods change: judge only once all of them did.
  const expected = asked?.kind === 'scale' ? Math.abs((asked.to ?? 0) - (asked.from ?? 0)) : 0;
  if (added.length > 0) return added.length < expected ? null : scaleUp(added, policy);
  if (removed.length > 0) return removed.length < expected ? null : scaleDown(removed, policy);
  const firstCreated = minOf(re.map((x) => x.createdAt as number));
  const rolling = action === 'restart' || action === 'image' || action === 'partition'
    || (action !== 'delete-pod' && action !== 'delete-pods' && re.some((s) => (s.removedAt as number) > firstCreated));
  return rolling ? rollingUpdate(re) : recreated(re, policy);
}
