import { describe, expect, it } from 'vitest';
import { parsePartition, parseReplicas } from './parse-count.ts';

describe('number fields', () => {
  it('replicas: whole numbers from 0 to the limit', () => {
    expect(parseReplicas(' 4 ', 50)).toBe(4);
    expect(parseReplicas('0', 50)).toBe(0);
    expect(parseReplicas('50', 50)).toBe(50);
    expect(parseReplicas('51', 50)).toBe('replicas must be at most 50 (the dashboard\'s limit, STS_MAX_REPLICAS)');
    for (const bad of ['-1', '1.5', 'x', '', '1e9']) expect(parseReplicas(bad, 50)).toBe('replicas must be a whole number from 0 to 50');
  });

  it('partition: any whole number, 0 or more', () => {
    expect(parsePartition('2')).toBe(2);
    expect(parsePartition('-1')).toBe('partition must be a whole number, 0 or more');
  });
});
