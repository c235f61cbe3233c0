// Delayed re-syncs of StatefulSet keys: a workqueue's AddAfter (one timer per slot, the earliest
// wins) and AddRateLimited (per-key exponential backoff, 5 ms doubling up to 1000 s, as the
// default controller rate limiter; forgotten after a successful sync).

import type { Clock, TimerHandle } from '../clock.ts';

const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1_000_000;

export class Requeue {
  private readonly clock: Clock;
  private readonly add: (key: string) => void;
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(clock: Clock, add: (key: string) => void) {
    this.clock = clock;
    this.add = add;
  }

  /**
   * Re-syncs `key` after ms. Requests sharing a slot collapse to the earliest; a distinct slot
   * (e.g. one per pod turning Ready) keeps its own timer.
   */
  after(key: string, ms: number, slot = key): void {
    const at = this.clock.now() + ms;
    const existing = this.timers.get(slot);
    if (this.stopped || (existing && existing.at <= at)) return;
    existing?.handle.cancel();
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(slot);
      this.add(key);
    }, ms);
    this.timers.set(slot, { at, handle });
  }

  /** A failed sync: retry with the next backoff step. */
  failed(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.after(key, Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS));
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) t.handle.cancel();
    this.timers.clear();
  }
}
