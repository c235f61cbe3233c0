import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { earlierFrom, seqIndex, windowStart } from './list-window.ts';

const e = (seq: number): TimelineEntry => ({ seq, at: 1000 + seq, pod: 'web-0', ordinal: 0, transition: 'ready', text: `#${seq}`, uid: 'u' });
/** seq 101..1100: a full timeline whose oldest entries were already dropped. */
const full = Array.from({ length: 1000 }, (_, i) => e(i + 101));
const shown = (entries: readonly TimelineEntry[], start: number) => [entries[start]?.seq, entries.length - start];

describe('seqIndex', () => {
  it('finds an entry by seq, or where it would be', () => {
    expect(seqIndex(full, 101)).toBe(0);
    expect(seqIndex(full, 600)).toBe(499);
    expect(seqIndex(full, 50)).toBe(0);
    expect(seqIndex(full, 5000)).toBe(1000);
    expect(seqIndex([e(1), e(3), e(7)], 4)).toBe(2);
    expect(seqIndex([], 4)).toBe(0);
  });
});

describe('windowStart', () => {
  it('following: the newest `size` entries, all of a short timeline', () => {
    expect(shown(full, windowStart(full, { size: 200, from: null, currentSeq: null }))).toEqual([901, 200]);
    const short = full.slice(0, 30);
    expect(windowStart(short, { size: 200, from: null, currentSeq: null })).toBe(0);
  });

  it('pinned: starts at the entry the reader kept, and grows as new entries arrive below it', () => {
    expect(shown(full, windowStart(full, { size: 200, from: 701, currentSeq: null }))).toEqual([701, 400]);
    const more = [...full.slice(50), e(1101), e(1102)];
    expect(shown(more, windowStart(more, { size: 200, from: 701, currentSeq: null }))).toEqual([701, 402]);
  });

  it('pinned to an entry the timeline dropped: from the oldest there is', () => {
    expect(windowStart(full, { size: 200, from: 3, currentSeq: null })).toBe(0);
  });

  it('never shows fewer than `size` entries, even pinned near the end', () => {
    expect(shown(full, windowStart(full, { size: 200, from: 1090, currentSeq: null }))).toEqual([901, 200]);
  });

  it('includes the entry a replay is at, however old', () => {
    expect(shown(full, windowStart(full, { size: 200, from: null, currentSeq: 150 }))).toEqual([150, 951]);
    expect(shown(full, windowStart(full, { size: 200, from: 701, currentSeq: 400 }))).toEqual([400, 701]);
    // Already inside the window, or no longer in the timeline: the window stays as it was.
    expect(shown(full, windowStart(full, { size: 200, from: null, currentSeq: 1000 }))).toEqual([901, 200]);
    expect(shown(full, windowStart(full, { size: 200, from: null, currentSeq: 7 }))).toEqual([901, 200]);
  });
});

describe('earlierFrom', () => {
  it('steps back by up to `step` entries, and says when there is nothing earlier', () => {
    expect(earlierFrom(full, 900, 200)).toBe(801);
    expect(earlierFrom(full, 150, 200)).toBe(101);
    expect(earlierFrom(full, 0, 200)).toBeNull();
  });
});
