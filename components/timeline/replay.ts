// Replay: steps through the last action's sequence (sequence.ts) on the graph, one entry at a
// time, at a chosen speed. The graph is not rewound: the replay highlights the pod an entry is
// about and captions the entry; statuses on the cards stay the live ones. Pure: the component
// owns the timer and asks stepDelay how long to wait.

import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { lastSequence } from './sequence.ts';

export const REPLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** At 1x a step stays at least this long (changes 50 ms apart must still be readable) ... */
export const MIN_STEP_MS = 700;
/** ... and at most this long (a 20 s wait for a slow image pull is not worth watching). */
export const MAX_STEP_MS = 3000;

export interface ReplayState {
  steps: readonly TimelineEntry[];
  index: number;
}

export type ReplayAction =
  | { type: 'start'; entries: readonly TimelineEntry[] }
  | { type: 'next' }
  | { type: 'stop' };

/** null: not replaying. After the last step comes `null` (the replay ends by itself). */
export function replayReducer(state: ReplayState | null, action: ReplayAction): ReplayState | null {
  switch (action.type) {
    case 'start': {
      const steps = lastSequence(action.entries);
      return steps.length === 0 ? null : { steps, index: 0 };
    }
    case 'next':
      if (state === null) return null;
      return state.index + 1 < state.steps.length ? { ...state, index: state.index + 1 } : null;
    case 'stop':
      return null;
  }
}

/**
 * How long step `index` stays on screen before the next: the real time between the two entries,
 * clamped to [MIN_STEP_MS, MAX_STEP_MS], divided by the speed. The last step stays MAX_STEP_MS /
 * speed so the final state can be read before the replay ends.
 */
export function stepDelay(state: ReplayState, speed: ReplaySpeed): number {
  const cur = state.steps[state.index];
  const next = state.steps[state.index + 1];
  const real = next ? next.at - cur.at : MAX_STEP_MS;
  return Math.round(Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, real)) / speed);
}

/** The graph node to highlight for a step: the entry's pod, or none for set-level entries. */
export function replayNodeId(entry: TimelineEntry, namespace: string): string | null {
  return entry.pod === null ? null : `Pod/${namespace}/${entry.pod}`;
}
