// What each control says about its last action ("Scaling…", "✓ Scaled web from 2 to 4", or the
// route's error), keyed by control ("scale", "image", "pod:web-1", ...). An external store so a
// pod card subscribes to its own key only and stays memoised: setting one key re-renders only the
// components reading that key. Success fades after OK_VISIBLE_MS; errors stay until the next
// attempt of that control. The scheduler is injectable for tests.

export type Feedback =
  | { kind: 'pending'; text: string }
  | { kind: 'ok'; text: string }
  | { kind: 'error'; text: string };

export const OK_VISIBLE_MS = 6000;

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserScheduler: Scheduler = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class FeedbackStore {
  private readonly values = new Map<string, Feedback>();
  private readonly timers = new Map<string, unknown>();
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: Scheduler;

  constructor(scheduler: Scheduler = browserScheduler) {
    this.scheduler = scheduler;
  }

  get(key: string): Feedback | null {
    return this.values.get(key) ?? null;
  }

  set(key: string, feedback: Feedback | null): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      this.scheduler.clearTimeout(timer);
      this.timers.delete(key);
    }
    if (feedback === null) this.values.delete(key);
    else this.values.set(key, feedback);
    if (feedback?.kind === 'ok') {
      this.timers.set(key, this.scheduler.setTimeout(() => {
        this.timers.delete(key);
        if (this.values.get(key) === feedback) this.set(key, null);
      }, OK_VISIBLE_MS));
    }
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };
}
