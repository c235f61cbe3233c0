import { describe, expect, it } from 'vitest';
import { BenchError, percentile, requireCount, spread, summarize } from './stats.ts';

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
});
