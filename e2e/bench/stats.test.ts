import { describe, expect, it } from 'vitest';
import { BenchError, percentile, requireCount, slope, spread, summarize } from './stats.ts';

describe('bench statistics', () => {
  it('nearest-rank percentiles of 1..100', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(s, 50), percentile(s, 95), percentile(s, 99), percentile(s, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarizes unsorted samples', () => {
    expect(summarize([30, 10, 20, 40], 'x')).toEqual({ n: 4, min: 10, p50: 20, p95: 40, p99: 40, max: 40, mean: 25 });
    expect(spread([3, 1, 2], 'x')).toEqual({ n: 3, min: 1, median: 2, max: 3 });
  });

  it('refuses to summarise nothing or garbage instead of printing zeros', () => {
    expect(() => summarize([], 'event latency')).toThrow(BenchError);
    expect(() => summarize([], 'event latency')).toThrow(/event latency: nothing was measured/);
    expect(() => spread([1, Number.NaN], 'loads')).toThrow(/not a finite number/);
    expect(() => requireCount(0, 1, 'DOM updates')).toThrow(/observed 0/);
    expect(requireCount(5, 1, 'DOM updates')).toBe(5);
  });

  it('fits a memory trend through every sample, not the two ends of a GC sawtooth', () => {
    // 1 MiB/s of growth under a sawtooth that drops 3 MiB every 4 samples.
    const points = Array.from({ length: 20 }, (_, i) => ({ t: i * 250, y: 100 + i * 0.25 + (i % 4) - (i % 4 === 3 ? 3 : 0) }));
    expect(slope(points, 'rss') * 1000).toBeCloseTo(1, 0);
    expect(slope([{ t: 0, y: 5 }, { t: 1, y: 5 }, { t: 2, y: 5 }], 'flat')).toBe(0);
    expect(() => slope([{ t: 0, y: 1 }, { t: 1, y: 2 }], 'rss')).toThrow(/at least 3 samples/);
    expect(() => slope([{ t: 3, y: 1 }, { t: 3, y: 2 }, { t: 3, y: 4 }], 'rss')).toThrow(/same time/);
  });
});
