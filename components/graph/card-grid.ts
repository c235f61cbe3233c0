// layoutTopology (lib/topology/layout.ts) places nodes on a grid of COLUMN_WIDTH x ROW_HEIGHT
// cells. Our cards are larger than those cells (big type for projectors), so this maps the same
// grid cells onto card-sized pitches: each column CARD_PITCH_X wide, each row as tall as the
// tallest kind of card in it. Only the pitch changes: which cell a node sits in (and so the
// "status changes move nothing" guarantee) stays the layout's. Pure.

import { COLUMN_WIDTH, ROW_HEIGHT, type Position } from '../../lib/topology/layout.ts';
import type { NodeKind, TopologyNode } from '../../lib/topology/types.ts';

export const CARD_WIDTH = 300;
/** Wide enough between columns for the sideways `serviceName` edge label. */
export const CARD_PITCH_X = CARD_WIDTH + 110;
const ROW_GAP = 44;

/** Room each kind of card needs vertically (cards may be shorter; never taller in practice). */
export const CARD_HEIGHT: Record<NodeKind, number> = {
  StatefulSet: 260,
  Service: 260,
  Pod: 340,
  PersistentVolumeClaim: 200,
  PersistentVolume: 140,
};

export function spreadToCards(positions: Readonly<Record<string, Position>>, nodes: readonly TopologyNode[]): Record<string, Position> {
  const cell = (p: Position) => ({ col: Math.round(p.x / COLUMN_WIDTH), row: Math.round(p.y / ROW_HEIGHT) });
  const rowHeight = new Map<number, number>();
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    const { row } = cell(p);
    rowHeight.set(row, Math.max(rowHeight.get(row) ?? 0, CARD_HEIGHT[n.kind] + ROW_GAP));
  }
  const rows = [...rowHeight.keys()].sort((a, b) => a - b);
  const top = new Map<number, number>();
  let y = 0;
  for (const r of rows) {
    top.set(r, y);
    y += rowHeight.get(r) ?? 0;
  }
  const out: Record<string, Position> = {};
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    const { col, row } = cell(p);
    out[n.id] = { x: col * CARD_PITCH_X, y: top.get(row) ?? 0 };
  }
  return out;
}
