import { describe, expect, it } from 'vitest';
import { FeedbackStore, OK_VISIBLE_MS, type Scheduler } from './feedback-store.ts';

function manualScheduler(): Scheduler & { run(ms: number): void } {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    setTimeout(fn, ms) { const id = next++; pending.set(id, { at: now + ms, fn }); return id; },
    clearTimeout(id) { pending.delete(id as number); },
    run(ms) {
      now += ms;
      for (const [id, t] of [...pending]) if (t.at <= now) { pending.delete(id); t.fn(); }
    },
  };
}

describe('FeedbackStore', () => {
  it('keeps each control\'s feedback apart, and the same object while unchanged', () => {
    const s = new FeedbackStore(manualScheduler());
    const err = { kind: 'error', text: 'forbidden by RBAC: cannot delete pods' } as const;
    s.set('pod:web-1', err);
    expect(s.get('pod:web-1')).toBe(err);
    expect(s.get('pod:web-0')).toBeNull();
  });

  it('a success fades after a while; an error stays', () => {
    const clock = manualScheduler();
    const s = new FeedbackStore(clock);
    s.set('scale', { kind: 'ok', text: 'Scaled web from 2 to 4' });
    s.set('image', { kind: 'error', text: 'no container named "x"' });
    clock.run(OK_VISIBLE_MS);
    expect(s.get('scale')).toBeNull();
    expect(s.get('image')).not.toBeNull();
  });

  it('a newer message is not cleared by the older success\'s timer', () => {
    const clock = manualScheduler();
    const s = new FeedbackStore(clock);
    s.set('scale', { kind: 'ok', text: 'Scaled web from 2 to 3' });
    clock.run(OK_VISIBLE_MS - 10);
    s.set('scale', { kind: 'error', text: 'replicas must be at most 50' });
    clock.run(20);
    expect(s.get('scale')).toEqual({ kind: 'error', text: 'replicas must be at most 50' });
  });
});
