// The soak's verdict arithmetic: a leak is called a leak, a saw-tooth that stays level is not.

import { describe, expect, it } from 'vitest';
import { growthVerdict, openFds, rssMiB, slope } from './soak-probes.ts';

const series = (f: (minute: number) => number, n = 18) => Array.from({ length: n }, (_, i) => ({ minutes: i / 6, value: f(i / 6) }));

describe('soak verdict', () => {
  it('fits a slope', () => {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
    expect(slope([{ x: 0, y: 1 }])).toBe(0);
  });

  it('calls steady growth still growing', () => {
    expect(growthVerdict(series((m) => 100 + 5 * m), 1).levelledOff).toBe(false);
  });

  it('calls a warm-up that flattens levelled off', () => {
    expect(growthVerdict(series((m) => 100 + 40 * Math.min(m, 1)), 1).levelledOff).toBe(true);
  });

  it('calls a level saw-tooth (garbage collection) levelled off, whatever its last slope', () => {
    const saw = series((m) => 110 + ((m * 6) % 6) * 2);
    expect(growthVerdict(saw, 1)).toMatchObject({ levelledOff: true });
  });

  it('reads this process from /proc', () => {
    if (process.platform !== 'linux') return;
    expect(rssMiB(process.pid)).toBeGreaterThan(10);
    expect(openFds(process.pid)).toBeGreaterThan(2);
    expect(Number.isNaN(rssMiB(2 ** 22 + 12345))).toBe(true);
  });
});
