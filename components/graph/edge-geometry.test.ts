import { Position, getBezierPath } from '@xyflow/react';
import { expect, it } from 'vitest';
import { pointOnEdge } from './edge-geometry.ts';

const ends = { sourceX: 100, sourceY: 50, sourceSide: 'bottom', targetX: 420, targetY: 300, targetSide: 'top' } as const;

it('labels sit on the path React Flow draws: its ends, and its own centre at t = 0.5', () => {
  expect(pointOnEdge(ends, 0)).toEqual({ x: 100, y: 50 });
  expect(pointOnEdge(ends, 1)).toEqual({ x: 420, y: 300 });
  const [, labelX, labelY] = getBezierPath({ ...ends, sourcePosition: Position.Bottom, targetPosition: Position.Top });
  const mid = pointOnEdge(ends, 0.5);
  expect(mid.x).toBeCloseTo(labelX, 5);
  expect(mid.y).toBeCloseTo(labelY, 5);
});

it('a label near the target is close to the pod it points at', () => {
  const p = pointOnEdge(ends, 0.82);
  const dist = (x: number, y: number) => Math.hypot(p.x - x, p.y - y);
  expect(dist(420, 300)).toBeLessThan(dist(100, 50) / 3);
});
