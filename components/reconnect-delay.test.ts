import { expect, it } from 'vitest';
import { RECONNECT_MAX_MS, reconnectDelay } from './reconnect-delay.ts';

it('doubles from 1 s and stops growing at 30 s', () => {
  const noJitter = () => 0;
  expect([0, 1, 2, 3, 4, 5, 6, 20].map((a) => reconnectDelay(a, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

it('jitters downwards by at most 20 %', () => {
  expect(reconnectDelay(10, () => 1)).toBe(RECONNECT_MAX_MS * 0.8);
  expect(reconnectDelay(0, () => 0.5)).toBe(900);
});
