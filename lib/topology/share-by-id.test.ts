import { describe, expect, it } from 'vitest';
import { shareById } from './share-by-id.ts';

type Item = { id: string; v: number };
const same = (a: Item, b: Item) => a.v === b.v;

describe('shareById', () => {
  it('returns prev itself when every item is equal and in order', () => {
    const prev = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }];
    expect(shareById(prev, [{ id: 'a', v: 1 }, { id: 'b', v: 2 }], same)).toBe(prev);
  });

  it('keeps prev objects for equal items and takes the changed ones from next', () => {
    const prev = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 3 }];
    const next = [{ id: 'a', v: 1 }, { id: 'b', v: 9 }, { id: 'c', v: 3 }];
    const out = shareById(prev, next, same);
    expect(out).not.toBe(prev);
    expect(out[0]).toBe(prev[0]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(prev[2]);
  });

  it('matches by id when items moved, came or went', () => {
    const prev = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 3 }];
    const next = [{ id: 'c', v: 3 }, { id: 'x', v: 0 }, { id: 'a', v: 1 }];
    const out = shareById(prev, next, same);
    expect(out.map((x) => x.id)).toEqual(['c', 'x', 'a']);
    expect(out[0]).toBe(prev[2]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(prev[0]);
  });

  it('is not prev when an item was dropped from the end', () => {
    const prev = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }];
    const out = shareById(prev, [{ id: 'a', v: 1 }], same);
    expect(out).toEqual([prev[0]]);
    expect(out).not.toBe(prev);
  });
});
