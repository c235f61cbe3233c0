import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './statefulset-sync.ts';

describe('slowStartBatch (Parallel pod management)', () => {
  it('runs every index in batches of 1, 2, 4, …', () => {
    const seen: number[] = [];
    slowStartBatch(10, (i) => seen.push(i));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('finishes the failing batch, then stops with the batch errors', () => {
    const seen: number[] = [];
    expect(() => slowStartBatch(10, (i) => {
      seen.push(i);
      if (i === 1 || i === 2) throw new Error(`boom ${i}`);
    })).toThrow('[boom 1, boom 2]');
    expect(seen).toEqual([0, 1, 2]);
  });
});
