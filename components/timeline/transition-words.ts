// How timeline transitions read, shared by the list, the swimlanes and the replay caption, and the
// pod phase each transition starts (the swimlane bar that follows it). Pure.

import type { TimelineEntry, Transition } from '../../lib/stream/wire.ts';

/** The phases a swimlane draws; a pod that is gone draws nothing (a gap). */
export type LanePhase = 'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'Terminating' | 'Failed' | 'Succeeded';

export const LANE_PHASES: readonly LanePhase[] = ['Pending', 'ContainerCreating', 'Running', 'Ready', 'Terminating', 'Failed', 'Succeeded'];

/** Short words for a transition, as kubectl people know them ("deleted" shows as Terminating). */
export const TRANSITION_WORDS: Record<Transition, string> = {
  created: 'Created',
  scheduled: 'Scheduled',
  'container-creating': 'ContainerCreating',
  running: 'Running',
  ready: 'Ready',
  'not-ready': 'Not ready',
  deleted: 'Terminating',
  gone: 'Gone',
  failed: 'Failed',
  succeeded: 'Succeeded',
  event: 'Event',
  action: 'Action',
};

/**
 * The phase after `t`, given the phase before: `undefined` when `t` does not change the bar
 * (events, actions), `null` when the pod is gone. A terminating pod stays Terminating whatever
 * its readiness does until it is gone (or replaced: a `created` means a new incarnation).
 */
export function phaseAfter(t: Transition, before: LanePhase | null): LanePhase | null | undefined {
  if (t === 'event' || t === 'action') return undefined;
  if (t === 'created') return 'Pending';
  if (t === 'gone') return null;
  if (before === 'Terminating') return undefined;
  switch (t) {
    case 'scheduled': return 'Pending';
    case 'container-creating': return 'ContainerCreating';
    case 'running': return 'Running';
    case 'ready': return 'Ready';
    case 'not-ready': return 'Running';
    case 'deleted': return 'Terminating';
    case 'failed': return 'Failed';
    case 'succeeded': return 'Succeeded';
  }
}

/** "12:03:04.2" in the browser's local time zone. */
export function clockTenths(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${Math.floor(d.getMilliseconds() / 100)}`;
}

/** "web-1: Ready (12:03:04.2)"; set-level entries use their own text. `offset` = server - browser clock. */
export function entryCaption(e: TimelineEntry, offset: number): string {
  const time = clockTenths(e.at - offset);
  if (e.pod === null) return `${e.text} (${time})`;
  return `${e.pod}: ${TRANSITION_WORDS[e.transition]} (${time})`;
}
