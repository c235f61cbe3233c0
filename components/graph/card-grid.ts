// layoutTopology (lib/topology/layout.ts) places nodes on a grid of COLUMN_WIDTH x ROW_HEIGHT
// cells. Our cards are larger than those cells (big type for projectors), so this maps the same
// grid cells onto card-sized pitches: each column CARD_PITCH_X wide, each row as tall as the
// tallest kind of card in it. Only the pitch changes: which cell a node sits in (and so the
// "status changes move nothing" guarantee) stays the layout's. Pure.
// Large sets (more than COMPACT_ABOVE pod slots) draw pods, claims and volumes as small tiles
// (tile-field.ts, one React Flow node for all of them) on a wider grid, so the whole set fits one screen as an overview; the set and
// its Service keep their full cards.

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

/** Pod slots above which the graph switches to compact tiles. */
export const COMPACT_ABOVE = 48;

export type Density = 'full' | 'compact';

export const TILE_WIDTH = 150;
const TILE_PITCH_X = TILE_WIDTH + 20;
const TILE_ROW_GAP = 14;
/** Room a tile needs vertically; the set and Service keep their card heights. */
export const TILE_HEIGHT: Record<NodeKind, number> = { ...CARD_HEIGHT, Pod: 58, PersistentVolumeClaim: 50, PersistentVolume: 50 };

export function densityOf(podSlots: number): Density {
  return podSlots > COMPACT_ABOVE ? 'compact' : 'full';
}

/**
 * Pods per row: 6 full cards (readable on a 1080p projector); for tiles, as many as make the
 * whole set about as wide as a 16:9 screen is tall (each band is a pod row plus its claim rows).
 */
export function columnsFor(density: Density, podSlots: number, bandRows: number): number {
  if (density === 'full') return 6;
  const bandHeight = bandRows * 60;
  return Math.max(6, Math.round(Math.sqrt((16 / 9) * bandHeight * podSlots / TILE_PITCH_X)));
}

/** Cells to positions at card (or, compact, tile) pitch. */
export function spreadToCards(positions: Readonly<Record<string, Position>>, nodes: readonly TopologyNode[], density: Density = 'full'): Record<string, Position> {
  const compact = density === 'compact';
  const heights = compact ? TILE_HEIGHT : CARD_HEIGHT;
  const pitchX = compact ? TILE_PITCH_X : CARD_PITCH_X;
  const gap = compact ? TILE_ROW_GAP : ROW_GAP;
  const cell = (p: Position) => ({ col: Math.round(p.x / COLUMN_WIDTH), row: Math.round(p.y / ROW_HEIGHT) });
  const rowHeight = new Map<number, number>();
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    const { row } = cell(p);
    rowHeight.set(row, Math.max(rowHeight.get(row) ?? 0, heights[n.kind] + gap));
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
    // The set and Service cards sit on the first row at card pitch, whatever the density.
    out[n.id] = { x: col * (compact && row === 0 ? CARD_PITCH_X : pitchX), y: top.get(row) ?? 0 };
  }
  return out;
}
