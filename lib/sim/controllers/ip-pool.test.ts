import { describe, expect, it } from 'vitest';
import { PodIpPool } from './ip-pool.ts';

describe('PodIpPool', () => {
  it('hands out each address once, per node subnet, after reserved ones', () => {
    const pool = new PodIpPool();
    pool.reserve('10.244.1.7');
    expect(pool.allocate(1)).toBe('10.244.1.8');
    expect(pool.allocate(2)).toBe('10.244.2.2');
    expect(pool.allocate(1)).toBe('10.244.1.9');
    expect(pool.wasAllocated('10.244.1.7')).toBe(true);
    expect(pool.wasAllocated('10.244.1.2')).toBe(false);
  });

  it('wraps around a full /24 only onto addresses no live pod holds', () => {
    const pool = new PodIpPool();
    const first = Array.from({ length: 253 }, () => pool.allocate(3));
    expect(new Set(first).size).toBe(253);
    expect(first.at(-1)).toBe('10.244.3.254');
    expect(pool.allocate(3, (ip) => ip === '10.244.3.2')).toBe('10.244.3.3');
  });
});
