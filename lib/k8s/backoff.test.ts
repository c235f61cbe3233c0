import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  it('doubles from 0.5 s and never waits more than 30 s', () => {
    const top = new Backoff({ random: () => 0.999999 });
    const delays = Array.from({ length: 10 }, () => top.next());
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('spreads each delay over its upper half, so informers failing together do not retry together', () => {
    const low = new Backoff({ random: () => 0 });
    expect([low.next(), low.next(), low.next()]).toEqual([250, 500, 1000]);
  });

  it('starts over after reset', () => {
    const b = new Backoff({ random: () => 0 });
    b.next(); b.next();
    b.reset();
    expect(b.next()).toBe(250);
  });
});
