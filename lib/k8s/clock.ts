// The dashboard side's clock. The Clock interface is the embedded cluster's (lib/sim/clock.ts),
// imported as a type only so nothing from lib/sim loads at run time; tests pass a ManualClock.

import type { Clock, TimerHandle } from '../sim/clock.ts';

export type { Clock, TimerHandle };

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    // Timers of the live pipeline must never keep a process (or a test run) alive on their own.
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Runs fn every ms of the clock's time until cancelled. */
export function every(clock: Clock, ms: number, fn: () => void): TimerHandle {
  let handle: TimerHandle | null = null;
  let cancelled = false;
  const tick = () => {
    if (cancelled) return;
    handle = clock.setTimeout(tick, ms);
    fn();
  };
  handle = clock.setTimeout(tick, ms);
  return {
    cancel: () => {
      cancelled = true;
      handle?.cancel();
    },
  };
}
