// Timeline facts, pure (podMarks only remembers which pod slot each mark was made from): what
// changed for each pod of a StatefulSet between two observations, and which of the set's
// Kubernetes events are new. The recorder (timeline-recorder.ts) keeps the
// memory (the marks of the last observation, the events already seen) and numbers the entries.
//
// Per pod name, comparing the last observed incarnation with the current one:
//   new uid          -> `gone` for the old incarnation (when there was one), then `created`
//   nodeName set     -> scheduled          kubectl STATUS ContainerCreating -> container-creating
//   phase Running    -> running            Ready condition True / no longer True -> ready / not-ready
//   deletionTimestamp set -> deleted       object no longer listed -> gone
//   phase Failed / Succeeded -> failed / succeeded
// A pod first seen part-way through its life gets every step it has passed, in lifecycle order.
// `not-ready` is not recorded for a terminating pod (the kubelet drops Ready on every deletion).
//
// Order within one observation (several changes can arrive in one coalesced rebuild): each pod's
// own steps stay in lifecycle order; across pods, state changes that let the controller act
// (ready, gone, running, ...) come before the controller's own acts (created, then deleted), so
// "web-0 became Ready" precedes "web-1 created" and "web-3 gone" precedes "web-2 deleted". A
// deletion the batch cannot explain (no pod above it changed: the controller deletes from the
// top, so it was the user's) comes first instead.
// Limit: the true order of two changes seen in the same rebuild is unknown; this is the order
// the StatefulSet controller's causality implies.

import type { KubeObject } from '../kube/types.ts';
import type { PodSlot, TopologyModel } from '../topology/types.ts';
import type { Transition } from './wire.ts';

/** What the timeline remembers of one pod incarnation. */
export interface PodMark {
  uid: string;
  ordinal: number;
  node: string | null;
  phase: string;
  ready: boolean;
  terminating: boolean;
  /** Seen as ContainerCreating at some point. */
  creating: boolean;
  podIP: string | null;
}

/** A timeline fact before it is numbered and stamped. */
export interface Fact {
  pod: string | null;
  ordinal: number | null;
  transition: Transition;
  text: string;
  uid: string | null;
}

const BLANK: Omit<PodMark, 'uid' | 'ordinal' | 'podIP'> = { node: null, phase: '', ready: false, terminating: false, creating: false };

/** The pod slot each mark was made from: the same slot object gives the same mark again. */
const MARK_SOURCES = new WeakMap<PodMark, PodSlot>();

/**
 * The marks of every existing pod of the model, by name; `previous` carries `creating` forward.
 * A pod slot that is the one a previous mark was made from (the model builder reuses unchanged
 * slots) keeps that mark object, which podFacts then passes over.
 */
export function podMarks(t: TopologyModel, previous?: ReadonlyMap<string, PodMark>): Map<string, PodMark> {
  const out = new Map<string, PodMark>();
  for (const p of t.pods) {
    if (p.placeholder) continue;
    const before = previous?.get(p.name);
    if (before && MARK_SOURCES.get(before) === p) {
      out.set(p.name, before);
      continue;
    }
    const creatingNow = p.kubectl.status === 'ContainerCreating';
    const mark: PodMark = {
      uid: p.uid,
      ordinal: p.ordinal,
      node: p.node,
      phase: p.phase,
      ready: p.ready,
      terminating: p.terminating,
      creating: creatingNow || (before?.uid === p.uid && before.creating),
      podIP: p.podIP,
    };
    MARK_SOURCES.set(mark, p);
    out.set(p.name, mark);
  }
  return out;
}

function fact(name: string, m: PodMark, transition: Transition, text: string): Fact {
  return { pod: name, ordinal: m.ordinal, transition, text, uid: m.uid };
}

/** One pod's steps from `before` to `after`, in lifecycle order. */
function podChain(name: string, before: PodMark | undefined, after: PodMark | undefined, knownBefore: boolean): Fact[] {
  const out: Fact[] = [];
  if (before && before.uid !== after?.uid) out.push(fact(name, before, 'gone', `${name} gone`));
  if (!after) return out;
  const same = before?.uid === after.uid;
  const base = same && before ? before : BLANK;
  const ip = after.podIP ? ` (${after.podIP})` : '';
  if (!same) out.push(fact(name, after, 'created', knownBefore || before ? `${name} re-created with the same name (new uid)` : `${name} created`));
  if (!base.node && after.node) out.push(fact(name, after, 'scheduled', `${name} scheduled to ${after.node}`));
  if (!base.creating && after.creating) out.push(fact(name, after, 'container-creating', `${name} ContainerCreating`));
  if (base.phase !== 'Running' && after.phase === 'Running') out.push(fact(name, after, 'running', `${name} Running${ip}`));
  if (!base.ready && after.ready) out.push(fact(name, after, 'ready', `${name} became Ready${ip}`));
  if (base.ready && !after.ready && !after.terminating) out.push(fact(name, after, 'not-ready', `${name} is no longer Ready`));
  if (base.phase !== 'Failed' && after.phase === 'Failed') out.push(fact(name, after, 'failed', `${name} Failed`));
  if (base.phase !== 'Succeeded' && after.phase === 'Succeeded') out.push(fact(name, after, 'succeeded', `${name} Succeeded (Completed)`));
  if (!base.terminating && after.terminating) out.push(fact(name, after, 'deleted', `${name} deleted: Terminating`));
  return out;
}

/** Merge rank of a chain's next step: lower goes first (see the ordering contract above). */
function rank(f: Fact, explained: (ordinal: number) => boolean): [number, number] {
  const o = f.ordinal ?? 0;
  if (f.transition === 'created') return [1, o];
  if (f.transition === 'deleted') return explained(o) ? [2, -o] : [-1, o];
  if (f.transition === 'gone') return [0, -o];
  return [0, o];
}

/**
 * The pod facts between two observations. `known(name)` tells whether a pod of that name was
 * seen before (a new one is then "re-created").
 */
export function podFacts(beforeMarks: ReadonlyMap<string, PodMark>, afterMarks: ReadonlyMap<string, PodMark>, known: (name: string) => boolean = () => false): Fact[] {
  // Names in the order of before, then the new ones; a mark that is the same object as before has no step.
  const chains: Fact[][] = [];
  const add = (n: string, before: PodMark | undefined, after: PodMark | undefined) => {
    const c = podChain(n, before, after, known(n));
    if (c.length > 0) chains.push(c);
  };
  for (const [n, before] of beforeMarks) {
    const after = afterMarks.get(n);
    if (after !== before) add(n, before, after);
  }
  for (const [n, after] of afterMarks) if (!beforeMarks.has(n)) add(n, undefined, after);
  // A deletion is the controller's (scale down, rolling update) when a pod above it changed too.
  const changed = chains.filter((c) => c.some((f) => f.transition !== 'deleted')).map((c) => c[0].ordinal ?? 0);
  const explained = (o: number) => changed.some((x) => x > o);
  const ranked = chains.map((c) => c.map((f) => ({ f, r: rank(f, explained) })));
  const out: Fact[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < ranked.length; i++) {
      if (ranked[i].length === 0) continue;
      const [a, b] = [ranked[i][0].r, best < 0 ? null : ranked[best][0].r];
      if (!b || a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])) best = i;
    }
    if (best < 0) return out;
    out.push((ranked[best].shift() as { f: Fact }).f);
  }
}

export interface SetEvent {
  key: string;
  count: number;
  fact: Fact;
  order: string;
}

function dict(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** The order of set events: oldest first, then by name. */
export function byOrder(a: SetEvent, b: SetEvent): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
}

/** An event about the StatefulSet (core/v1 involvedObject or events.k8s.io regarding), or null for another. */
export function setEvent(e: KubeObject, set: { name: string; uid: string }): SetEvent | null {
  const about = dict(e.involvedObject ?? e.regarding);
  if (about.kind !== 'StatefulSet' || about.name !== set.name) return null;
  if (typeof about.uid === 'string' && about.uid && set.uid && about.uid !== set.uid) return null;
  const series = dict(e.series);
  const count = typeof e.count === 'number' ? e.count : typeof series.count === 'number' ? series.count : 1;
  const text = String(e.message ?? e.note ?? e.reason ?? '');
  const when = String(e.lastTimestamp ?? series.lastObservedTime ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '');
  const key = e.metadata.uid || `${e.metadata.namespace}/${e.metadata.name}`;
  return { key, count, order: `${when}\u0000${e.metadata.name ?? ''}`, fact: { pod: null, ordinal: null, transition: 'event', text, uid: e.metadata.uid ?? null } };
}
