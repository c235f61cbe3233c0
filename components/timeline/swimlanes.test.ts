import { describe, expect, it } from 'vitest';
import { T0, entries, scaleUpTwoToFour } from './testdata.ts';
import { swimlaneModel } from './swimlanes.ts';

const phases = (m: ReturnType<typeof swimlaneModel>, ordinal: number) =>
  m.lanes.find((l) => l.ordinal === ordinal)?.segments.map((s) => [s.phase, s.from - T0, s.to - T0]);

describe('swimlaneModel', () => {
  it('draws one bar per phase, and the open last bar reaches the end of the chart', () => {
    const m = swimlaneModel(scaleUpTwoToFour(), { from: T0 + 20_000, policy: 'OrderedReady' });
    expect(m.lanes.map((l) => l.pod)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    expect(phases(m, 2)).toEqual([
      ['Pending', 100 + 20_000, 200 + 20_000], ['ContainerCreating', 20_200, 20_400], ['Running', 20_400, 20_500], ['Ready', 20_500, m.end - T0],
    ]);
    expect(m.lanes[3].segments.at(-1)).toMatchObject({ phase: 'Ready', open: true });
    expect(m.end).toBeGreaterThan(T0 + 21_000);
  });

  it('a pod that was Ready before the window shows Ready from the window start', () => {
    const m = swimlaneModel(scaleUpTwoToFour(), { from: T0 + 20_000, policy: 'OrderedReady' });
    expect(phases(m, 0)).toEqual([['Ready', 20_000, m.end - T0]]);
    expect(m.start).toBe(T0 + 20_000);
  });

  it('marks the action and links each new pod to the moment the previous one became Ready', () => {
    const m = swimlaneModel(scaleUpTwoToFour(), { from: T0 + 20_000, policy: 'OrderedReady' });
    expect(m.markers).toEqual([{ seq: 9, at: T0 + 20_000, text: 'Scale 2 -> 4' }]);
    // web-2 follows a Ready from before the action: no link; web-3 follows web-2's Ready.
    expect(m.links).toEqual([{ kind: 'created-after-ready', fromOrdinal: 2, toOrdinal: 3, from: T0 + 20_500, to: T0 + 20_600 }]);
  });

  it('draws no ordering links for Parallel sets', () => {
    expect(swimlaneModel(scaleUpTwoToFour(), { from: T0, policy: 'Parallel' }).links).toEqual([]);
  });

  it('a gone pod leaves a gap; its replacement starts a new bar marked as born', () => {
    const m = swimlaneModel(entries(
      [0, 'web-0', 'created'], [100, 'web-0', 'ready'],
      [1000, null, 'action', 'Delete pod web-0'],
      [1100, 'web-0', 'deleted'], [1200, 'web-0', 'not-ready'], [1500, 'web-0', 'gone'],
      [1800, 'web-0', 'created'], [2000, 'web-0', 'ready'],
    ), { from: T0, policy: 'OrderedReady' });
    expect(phases(m, 0)).toEqual([
      ['Pending', 0, 100], ['Ready', 100, 1100], ['Terminating', 1100, 1500], ['Pending', 1800, 2000], ['Ready', 2000, m.end - T0],
    ]);
    expect(m.lanes[0].segments.map((s) => s.born)).toEqual([true, false, false, true, false]);
  });

  it('scale-down: web-2 is removed only after web-3 is gone, and the link says so', () => {
    const m = swimlaneModel(entries(
      [0, 'web-2', 'created'], [10, 'web-2', 'ready'], [20, 'web-3', 'created'], [30, 'web-3', 'ready'],
      [1000, null, 'action', 'Scale 4 -> 2'],
      [1100, 'web-3', 'deleted'], [1400, 'web-3', 'gone'], [1500, 'web-2', 'deleted'], [1800, 'web-2', 'gone'],
    ), { from: T0 + 1000, policy: 'OrderedReady' });
    expect(m.links).toEqual([{ kind: 'removed-after-higher', fromOrdinal: 3, toOrdinal: 2, from: T0 + 1400, to: T0 + 1500 }]);
    expect(phases(m, 3)).toEqual([['Ready', 1000, 1100], ['Terminating', 1100, 1400]]);
  });

  it('a pod with only an event inside the range gets a lane (empty), one with nothing there gets none', () => {
    const m = swimlaneModel(entries(
      [0, 'web-0', 'created'], [100, 'web-0', 'gone'], [0, 'web-1', 'created'], [100, 'web-1', 'gone'],
      [5000, 'web-0', 'event', 'Back-off pulling image'],
    ), { from: T0 + 1000, policy: 'OrderedReady' });
    expect(m.lanes.map((l) => [l.pod, l.segments.length])).toEqual([['web-0', 0]]);
  });
});
