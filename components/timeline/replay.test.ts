import { describe, expect, it } from 'vitest';
import { MAX_STEP_MS, MIN_STEP_MS, type ReplayState, replayNodeId, replayReducer, stepDelay } from './replay.ts';
import { entries, scaleUpTwoToFour } from './testdata.ts';

describe('replay', () => {
  it('steps through the entries of the last action, from the action on, then ends', () => {
    let s = replayReducer(null, { type: 'start', entries: scaleUpTwoToFour() });
    expect(s?.steps.map((e) => e.text)).toEqual([
      'Scale 2 -> 4', 'web-2 created', 'web-2 container-creating', 'web-2 running', 'web-2 ready',
      'web-3 created', 'web-3 container-creating', 'web-3 running', 'web-3 ready',
    ]);
    const seen: string[] = [];
    while (s) {
      seen.push(s.steps[s.index].text);
      s = replayReducer(s, { type: 'next' });
    }
    expect(seen).toHaveLength(9);
    expect(seen.at(-1)).toBe('web-3 ready');
  });

  it('without an action (kubectl), replays the last burst after a quiet pause', () => {
    const s = replayReducer(null, { type: 'start', entries: entries([0, 'web-0', 'ready'], [60_000, 'web-1', 'deleted'], [60_300, 'web-1', 'gone']) });
    expect(s?.steps.map((e) => e.text)).toEqual(['web-1 deleted', 'web-1 gone']);
  });

  it('does not start on an empty timeline, and Stop ends it at once', () => {
    expect(replayReducer(null, { type: 'start', entries: [] })).toBeNull();
    const s = replayReducer(null, { type: 'start', entries: scaleUpTwoToFour() });
    expect(replayReducer(s, { type: 'stop' })).toBeNull();
  });

  it('waits the real gap between entries, clamped, divided by the speed', () => {
    const steps = entries([0, 'web-0', 'created'], [50, 'web-0', 'ready'], [1500, 'web-1', 'created'], [60_000, 'web-1', 'ready']);
    const at = (index: number): ReplayState => ({ steps, index });
    expect(stepDelay(at(0), 1)).toBe(MIN_STEP_MS);
    expect(stepDelay(at(1), 1)).toBe(1450);
    expect(stepDelay(at(1), 2)).toBe(725);
    expect(stepDelay(at(1), 0.5)).toBe(2900);
    expect(stepDelay(at(2), 1)).toBe(MAX_STEP_MS);
    expect(stepDelay(at(3), 4)).toBe(MAX_STEP_MS / 4);
  });

  it('highlights the pod of a pod entry and nothing for a set-level one', () => {
    const [action, created] = scaleUpTwoToFour().slice(8, 10);
    expect(replayNodeId(created, 'default')).toBe('Pod/default/web-2');
    expect(replayNodeId(action, 'default')).toBeNull();
  });
});
