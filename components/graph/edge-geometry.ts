// Where an edge label sits: a point on the same cubic Bezier React Flow draws (getBezierPath with
// its default curvature 0.25), at a fraction `t` of the way from source to target. Labels of the
// fan-out edges (owns, selects) sit near their pod, where they do not pile up. Pure.

export type Side = 'top' | 'bottom' | 'left' | 'right';

const CURVATURE = 0.25;

function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

function control(side: Side, x1: number, y1: number, x2: number, y2: number): [number, number] {
  switch (side) {
    case 'left': return [x1 - controlOffset(x1 - x2), y1];
    case 'right': return [x1 + controlOffset(x2 - x1), y1];
    case 'top': return [x1, y1 - controlOffset(y1 - y2)];
    case 'bottom': return [x1, y1 + controlOffset(y2 - y1)];
  }
}

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  sourceSide: Side;
  targetX: number;
  targetY: number;
  targetSide: Side;
}

export function pointOnEdge(e: EdgeEnds, t: number): { x: number; y: number } {
  const [c1x, c1y] = control(e.sourceSide, e.sourceX, e.sourceY, e.targetX, e.targetY);
  const [c2x, c2y] = control(e.targetSide, e.targetX, e.targetY, e.sourceX, e.sourceY);
  const u = 1 - t;
  const b = (p0: number, p1: number, p2: number, p3: number) => u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
  return { x: b(e.sourceX, c1x, c2x, e.targetX), y: b(e.sourceY, c1y, c2y, e.targetY) };
}
