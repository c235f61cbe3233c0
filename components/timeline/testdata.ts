// Timeline entries for the timeline helpers' unit tests, written the way the server records them.
// Test-only.

import type { TimelineEntry, Transition } from '../../lib/stream/wire.ts';

export const T0 = Date.parse('2026-01-01T12:03:00Z');

/** Builds entries with increasing seq; `at` is ms after T0. */
export function entries(...rows: Array<[at: number, pod: string | null, transition: Transition, text?: string]>): TimelineEntry[] {
  return rows.map(([at, pod, transition, text], i) => ({
    seq: i + 1,
    at: T0 + at,
    pod,
    ordinal: pod === null ? null : Number(pod.slice(pod.lastIndexOf('-') + 1)),
    transition,
    text: text ?? (pod ? `${pod} ${transition}` : transition),
    uid: pod ? `uid-${pod}` : null,
  }));
}

/** web at 2 ready replicas, then "Scale 2 -> 4" from the dashboard (OrderedReady). */
export function scaleUpTwoToFour(): TimelineEntry[] {
  return entries(
    [0, 'web-0', 'created'], [100, 'web-0', 'container-creating'], [300, 'web-0', 'running'], [400, 'web-0', 'ready'],
    [500, 'web-1', 'created'], [600, 'web-1', 'container-creating'], [800, 'web-1', 'running'], [900, 'web-1', 'ready'],
    [20_000, null, 'action', 'Scale 2 -> 4'],
    [20_100, 'web-2', 'created'], [20_200, 'web-2', 'container-creating'], [20_400, 'web-2', 'running'], [20_500, 'web-2', 'ready'],
    [20_600, 'web-3', 'created'], [20_700, 'web-3', 'container-creating'], [20_900, 'web-3', 'running'], [21_000, 'web-3', 'ready'],
  );
}
