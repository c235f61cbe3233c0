'use client';

// The replay's clock: advances replayReducer one step after stepDelay(), until the last step or
// Stop. The timeline it replays is read once, when Replay is pressed (new entries do not extend
// a running replay).

import { useEffect, useReducer } from 'react';
import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { type ReplaySpeed, type ReplayState, replayReducer, stepDelay } from './replay.ts';

export interface Replay {
  state: ReplayState | null;
  start(entries: readonly TimelineEntry[]): void;
  stop(): void;
}

export function useReplay(speed: ReplaySpeed): Replay {
  const [state, dispatch] = useReducer(replayReducer, null);
  useEffect(() => {
    if (state === null) return;
    const timer = setTimeout(() => dispatch({ type: 'next' }), stepDelay(state, speed));
    return () => clearTimeout(timer);
  }, [state, speed]);
  return {
    state,
    start: (entries) => dispatch({ type: 'start', entries }),
    stop: () => dispatch({ type: 'stop' }),
  };
}
