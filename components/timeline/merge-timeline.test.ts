import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { mergeTimeline } from './merge-timeline.ts';

const e = (seq: number): TimelineEntry => ({ seq, at: 1000 + seq, pod: 'web-0', ordinal: 0, transition: 'ready', text: `#${seq}`, uid: 'u' });
const seqs = (xs: readonly TimelineEntry[]) => xs.map((x) => x.seq);

describe('mergeTimeline', () => {
  it('appends new entries in order', () => {
    expect(seqs(mergeTimeline([e(1), e(2)], [e(3), e(4)], 100))).toEqual([1, 2, 3, 4]);
  });

  it('drops entries it already has (a replay after an SSE reconnect) and keeps the same array when nothing is new', () => {
    const cur = [e(1), e(2), e(3)];
    expect(mergeTimeline(cur, [e(2), e(3)], 100)).toBe(cur);
    expect(seqs(mergeTimeline(cur, [e(3), e(4), e(4)], 100))).toEqual([1, 2, 3, 4]);
  });

  it('puts an entry that arrives late into its place by seq', () => {
    expect(seqs(mergeTimeline([e(1), e(3)], [e(2), e(4)], 100))).toEqual([1, 2, 3, 4]);
  });

  it('keeps only the newest `max` entries', () => {
    expect(seqs(mergeTimeline([e(1), e(2), e(3)], [e(4), e(5)], 3))).toEqual([3, 4, 5]);
  });
});
