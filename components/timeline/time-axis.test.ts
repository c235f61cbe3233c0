import { describe, expect, it } from 'vitest';
import { tickStep, timeTicks } from './time-axis.ts';

const T = new Date(2026, 0, 1, 12, 3, 0, 0).getTime();

describe('time axis', () => {
  it('picks a round step that leaves room for the labels', () => {
    expect(tickStep(T, T + 10_000, 1000, 90)).toBe(1000);
    expect(tickStep(T, T + 60_000, 1000, 90)).toBe(10_000);
    expect(tickStep(T, T + 2000, 1000, 90)).toBe(200);
  });

  it('ticks on round local times within the span, labelled hh:mm:ss', () => {
    const ticks = timeTicks(T + 300, T + 10_200, 1000);
    expect(ticks.map((t) => t.at - T)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    expect(ticks[0].label).toBe('12:03:01');
  });

  it('shows tenths when ticks are less than a second apart', () => {
    expect(timeTicks(T, T + 1000, 500).map((t) => t.label).slice(0, 3)).toEqual(['12:03:00.0', '12:03:00.2', '12:03:00.4']);
  });
});
