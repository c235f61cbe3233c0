import { describe, expect, it } from 'vitest';
import { humanDuration, parseKubeTime, translateTimestampSince } from './duration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

// Vectors from apimachinery duration_test.go (TestHumanDuration, TestHumanDurationBoundaries);
// Go's "+1ns" boundaries become "+1ms" here.
const vectors: Array<[number, string]> = [
  [S, '1s'],
  [70 * S, '70s'],
  [190 * S, '3m10s'],
  [70 * M, '70m'],
  [47 * H, '47h'],
  [49 * H, '2d1h'],
  [(8 * 24 + 2) * H, '8d'],
  [367 * D, '367d'],
  [(365 * 2 * 24 + 25) * H, '2y1d'],
  [(365 * 8 * 24 + 2) * H, '8y'],
  [-2 * S, '<invalid>'],
  [-2 * S + 1, '0s'],
  [0, '0s'],
  [S - 1, '0s'],
  [2 * M - 1, '119s'],
  [2 * M, '2m'],
  [2 * M + S, '2m1s'],
  [10 * M - 1, '9m59s'],
  [10 * M, '10m'],
  [10 * M + S, '10m'],
  [3 * H - 1, '179m'],
  [3 * H, '3h'],
  [3 * H + M, '3h1m'],
  [8 * H - 1, '7h59m'],
  [8 * H, '8h'],
  [8 * H + 59 * M, '8h'],
  [2 * D - 1, '47h'],
  [2 * D, '2d'],
  [2 * D + H, '2d1h'],
  [8 * D - 1, '7d23h'],
  [8 * D, '8d'],
  [8 * D + 23 * H, '8d'],
  [2 * Y - 1, '729d'],
  [2 * Y, '2y'],
  [2 * Y + 23 * H, '2y'],
  [2 * Y + 23 * H + 59 * M, '2y'],
  [2 * Y + D - 1, '2y'],
  [2 * Y + D, '2y1d'],
  [3 * Y, '3y'],
  [7 * Y, '7y'],
  [8 * Y - 1, '7y364d'],
  [8 * Y, '8y'],
  [8 * Y + 364 * D, '8y'],
  [9 * Y, '9y'],
];

describe('humanDuration', () => {
  it.each(vectors)('%d ms prints %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it.each([
    ['a while from now', ago(-2.1 * S), '<invalid>'],
    ['almost now', ago(-1.9 * S), '0s'],
    ['now', ago(0), '0s'],
    ['30 seconds ago', ago(30 * S), '30s'],
    ['5 minutes ago', ago(5 * M), '5m'],
    ['an hour ago', ago(100 * M), '100m'],
    ['2 days ago', ago(2 * D), '2d'],
    ['months ago', ago(90 * D), '90d'],
    ['10 years ago', ago(10 * Y), '10y'],
  ])('%s', (_name, iso, want) => {
    expect(translateTimestampSince(iso, now)).toBe(want);
  });

  it('prints <unknown> for a timestamp that was never set', () => {
    for (const missing of [undefined, null, '', '0001-01-01T00:00:00Z', 'not a time']) {
      expect(translateTimestampSince(missing, now)).toBe('<unknown>');
    }
  });

  it('reads MicroTime (event eventTime) with microseconds', () => {
    expect(parseKubeTime('2026-03-01T11:59:00.123456Z')).toBe(now - 60 * S + 123);
    expect(translateTimestampSince('2026-03-01T11:59:00.123456Z', now)).toBe('59s');
  });
});
