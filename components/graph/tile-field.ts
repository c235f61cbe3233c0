// A large set's pods, claims and volumes as one "tile field": a single React Flow node that draws
// every tile and every relation itself (tile-field-node.tsx), instead of thousands of React Flow
// nodes and edges. React Flow's per-node machinery (measurement, store selectors, wrappers) is
// what made a 1,000-pod set take seconds to draw and every status change cost a long task.
// Pure: the field's tiles (positions relative to the field's origin) and lines from the topology
// and the layout's positions. Contract: tile positions are the layout's (card-grid.ts), so a
// status change moves nothing; a tile object is reused when nothing it shows changed.

import type { Position } from '../../lib/topology/layout.ts';
import type { EdgeLabel, NodeKind, Topology, TopologyEdge, TopologyNode } from '../../lib/topology/types.ts';
import { type Look, claimLook, podLook, podStatusText, volumeLook } from '../status-tone.ts';
import { TILE_HEIGHT, TILE_WIDTH } from './card-grid.ts';
import { type ModelIndex, ariaLabelOf, domAttributesOf, indexModel, nodeData, sameArray } from './to-flow.ts';

/** The kinds drawn as tiles; the StatefulSet and its Service keep their React Flow cards. */
export const TILE_KINDS: ReadonlySet<NodeKind> = new Set(['Pod', 'PersistentVolumeClaim', 'PersistentVolume']);

export interface Tile {
  id: string;
  kind: NodeKind;
  /** Top-left, relative to the field's origin. */
  x: number;
  y: number;
  /** The same place as CSS grid lines of the field (1-based; see TileField.grid). */
  column: number;
  row: number;
  width: number;
  height: number;
  /** Short name shown on the tile (a PV's generated name is cut). */
  label: string;
  look: Look;
  status: string;
  /** kubectl READY for a pod; null otherwise. */
  ready: string | null;
  /** The same `data-*` attributes a React Flow node of the graph carries (to-flow.ts). */
  attributes: Record<string, string>;
  /** What a screen reader says: a card's aria-label (to-flow.ts ariaLabelOf). */
  ariaLabel: string;
}

/** One relation drawn as a straight line; an end is a tile id or a card id (outside the field). */
export interface FieldLine {
  id: string;
  label: EdgeLabel;
  source: string;
  target: string;
}

/** Where a relation leaves a tile (bottom centre) and where one arrives (top centre). */
export interface Anchors {
  source: Position;
  target: Position;
}

export interface TileField {
  /** Field origin in graph coordinates (the React Flow node's position). */
  origin: Position;
  width: number;
  height: number;
  tiles: Tile[];
  /**
   * The same tiles by grid row, each row in column order. A row is the same object while none of
   * its tiles changed, so a status change re-renders one row, not every tile of the field.
   */
  rows: TileRow[];
  /** Each tile's anchors; the same map while no tile moved, appeared or went (a status change keeps it). */
  anchors: ReadonlyMap<string, Anchors>;
  lines: FieldLine[];
  /**
   * CSS grid tracks that put each tile at its x/y: a track per distinct column and row, as wide
   * (tall) as the step to the next. Tiles are grid items, not absolutely positioned boxes: each
   * positioned box is a paint layer of its own in Chromium, and sorting thousands of them into
   * compositing layers took tens of milliseconds a frame.
   */
  grid: { columns: string; rows: string };
}

/** One grid row of the field (1-based `row`), its tiles left to right. */
export interface TileRow {
  row: number;
  tiles: Tile[];
}

/**
 * What each tile was made from (its graph node and model part, which withGraph and
 * applyTopologyPatch keep identical when unchanged): a tile whose sources are the same objects is
 * reused without being rebuilt, so a storm on a 1,000-pod set costs per changed pod, not per tile.
 */
const MADE_FROM = new WeakMap<Tile, readonly [TopologyNode, unknown]>();

export function buildTileField(topology: Topology, positions: Readonly<Record<string, Position>>, previous: TileField | null): TileField {
  const index = indexModel(topology);
  const prevTiles = previous?.tiles ?? [];
  // Tiles keep their order through status changes: look at the same place first, by id only if not.
  let before: Map<string, Tile> | null = null;
  const oldTile = (id: string, at: number): Tile | undefined => {
    if (prevTiles[at]?.id === id) return prevTiles[at];
    before ??= new Map(prevTiles.map((t) => [t.id, t]));
    return before.get(id);
  };
  const { origin, at: placedAt, grid } = placementOf(topology.nodes, positions);
  let width = 0;
  let height = 0;
  const tiles: Tile[] = [];
  for (const n of topology.nodes) {
    const at = placedAt.get(n.id);
    if (!at) continue;
    const old = oldTile(n.id, tiles.length);
    const part = partOf(n, index);
    const made = old && MADE_FROM.get(old);
    let tile: Tile | null;
    if (old && made && made[0] === n && made[1] === part && old.x === at.x && old.y === at.y && old.column === at.column && old.row === at.row) {
      tile = old;
    } else {
      const fresh = tileOf(topology, n, index, at);
      if (fresh) MADE_FROM.set(fresh, [n, part]);
      tile = fresh && old && sameTile(old, fresh) ? old : fresh;
      if (tile && fresh && tile === old) MADE_FROM.set(old, [n, part]);
    }
    if (!tile) continue;
    tiles.push(tile);
    width = Math.max(width, tile.x + tile.width);
    height = Math.max(height, tile.y + tile.height);
  }
  const lines = linesOf(topology, tiles);
  const sameLines = previous !== null && (previous.lines === lines || (previous.lines.length === lines.length && previous.lines.every((l, i) => l.id === lines[i].id)));
  const sameTiles = previous !== null && sameArray(previous.tiles, tiles);
  const sameGrid = previous !== null && previous.grid.columns === grid.columns && previous.grid.rows === grid.rows;
  if (previous && sameTiles && sameLines && sameGrid && previous.origin.x === origin.x && previous.origin.y === origin.y) return previous;
  return {
    origin, width, height,
    grid: sameGrid && previous ? previous.grid : grid,
    tiles: sameTiles && previous ? previous.tiles : tiles,
    rows: rowsOf(tiles, previous?.rows ?? []),
    anchors: previous && sameBoxes(previous.tiles, tiles) ? previous.anchors : anchorsOf(tiles),
    lines: sameLines && previous ? previous.lines : lines,
  };
}

function rowsOf(tiles: readonly Tile[], before: readonly TileRow[]): TileRow[] {
  const byRow = new Map<number, Tile[]>();
  for (const t of tiles) {
    const row = byRow.get(t.row);
    if (row) row.push(t);
    else byRow.set(t.row, [t]);
  }
  const old = new Map(before.map((r) => [r.row, r]));
  return [...byRow].sort((a, b) => a[0] - b[0]).map(([row, ts]) => {
    ts.sort((a, b) => a.column - b.column);
    const prev = old.get(row);
    return prev && sameArray(prev.tiles, ts) ? prev : { row, tiles: ts };
  });
}

/** Same ids in the same order at the same places and sizes. */
function sameBoxes(a: readonly Tile[], b: readonly Tile[]): boolean {
  return a.length === b.length && a.every((t, i) => {
    const u = b[i];
    return t === u || (t.id === u.id && t.x === u.x && t.y === u.y && t.width === u.width && t.height === u.height);
  });
}

function anchorsOf(tiles: readonly Tile[]): Map<string, Anchors> {
  return new Map(tiles.map((t) => [t.id, boxAnchors(t)]));
}

/** A tile's top-left relative to the field's origin, and the grid lines that put it there. */
interface Place extends Position {
  column: number;
  row: number;
}

interface Placement {
  origin: Position;
  at: Map<string, Place>;
  grid: TileField['grid'];
}

// Positions are recomputed only when the set of node ids changes (graph-state.ts), so one layout
// places the same tiles every time: worked out once per layout, not on every status change.
const PLACEMENTS = new WeakMap<Readonly<Record<string, Position>>, Placement>();

function placementOf(nodes: readonly TopologyNode[], positions: Readonly<Record<string, Position>>): Placement {
  const known = PLACEMENTS.get(positions);
  if (known) return known;
  const placed = nodes.filter((n) => TILE_KINDS.has(n.kind) && positions[n.id]);
  const origin = {
    x: Math.min(...placed.map((n) => positions[n.id].x)),
    y: Math.min(...placed.map((n) => positions[n.id].y)),
  };
  const xs = distinct(placed.map((n) => positions[n.id].x - origin.x));
  const ys = distinct(placed.map((n) => positions[n.id].y - origin.y));
  const column = new Map(xs.map((x, i) => [x, i + 1]));
  const row = new Map(ys.map((y, i) => [y, i + 1]));
  const at = new Map(placed.map((n) => {
    const x = positions[n.id].x - origin.x;
    const y = positions[n.id].y - origin.y;
    return [n.id, { x, y, column: column.get(x) ?? 1, row: row.get(y) ?? 1 }];
  }));
  const bottom = ys[ys.length - 1];
  const lastRow = Math.max(...placed.filter((n) => positions[n.id].y - origin.y === bottom).map((n) => TILE_HEIGHT[n.kind]));
  const placement = { origin, at, grid: { columns: tracks(xs, TILE_WIDTH), rows: tracks(ys, lastRow) } };
  PLACEMENTS.set(positions, placement);
  return placement;
}

function distinct(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Track sizes from sorted starts: the step to the next start, `last` for the final track. */
function tracks(starts: readonly number[], last: number): string {
  return starts.map((v, i) => `${(i + 1 < starts.length ? starts[i + 1] : v + last) - v}px`).join(' ');
}

// The same edge list (withGraph keeps it when no fact behind it changed) gives the same lines.
const LINES = new WeakMap<readonly TopologyEdge[], FieldLine[]>();

function linesOf(topology: Topology, tiles: readonly Tile[]): FieldLine[] {
  const known = LINES.get(topology.edges);
  if (known) return known;
  const tileIds = new Set(tiles.map((t) => t.id));
  const lines = topology.edges
    .filter((e) => e.label !== 'serviceName' && (tileIds.has(e.source) || tileIds.has(e.target)))
    .map((e) => ({ id: e.id, label: e.label, source: e.source, target: e.target }));
  LINES.set(topology.edges, lines);
  return lines;
}

/** The model object a tile of this node draws (pod, claim, or the claim holding the PV). */
function partOf(node: TopologyNode, index: ModelIndex): unknown {
  if (node.kind === 'Pod') return index.pods.get(node.id);
  if (node.kind === 'PersistentVolumeClaim') return index.claims.get(node.id);
  return index.claimsByVolume.get(node.id);
}

function tileOf(topology: Topology, node: TopologyNode, index: ModelIndex, at: Place): Tile | null {
  const data = nodeData(topology, node, index);
  if (!data) return null;
  let look: Look;
  let ready: string | null = null;
  let status = node.status;
  if ('pod' in data) {
    look = podLook(data.pod);
    status = podStatusText(data.pod);
    ready = data.pod.placeholder ? null : data.pod.kubectl.ready;
  } else if ('claim' in data) {
    look = claimLook(data.claim.exists ? data.claim.status : null);
  } else if ('volume' in data) {
    look = volumeLook(data.volume?.phase ?? null);
  } else {
    return null;
  }
  return {
    id: node.id, kind: node.kind, x: at.x, y: at.y, column: at.column, row: at.row, width: TILE_WIDTH, height: TILE_HEIGHT[node.kind],
    label: node.kind === 'PersistentVolume' ? `PV ${node.name.slice(0, 12)}` : node.name,
    look, status, ready,
    attributes: domAttributesOf(data),
    ariaLabel: ariaLabelOf(data),
  };
}

function sameTile(a: Tile, b: Tile): boolean {
  return a.x === b.x && a.y === b.y && a.column === b.column && a.row === b.row && a.label === b.label && a.status === b.status && a.ready === b.ready
    && a.look.tone === b.look.tone && a.ariaLabel === b.ariaLabel
    && Object.keys(b.attributes).every((k) => a.attributes[k] === b.attributes[k]);
}

/** Where lines leave (bottom centre) and reach (top centre) a box: a tile, or a card beside the field. */
export function boxAnchors(b: { x: number; y: number; width: number; height: number }): Anchors {
  return { source: { x: b.x + b.width / 2, y: b.y + b.height }, target: { x: b.x + b.width / 2, y: b.y } };
}

/** The keys that move through the field's tiles (moveInField). */
export const FIELD_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * The tile a key moves to from `fromId`, as in a grid: left and right within the row, up and down
 * to the nearest column of the row above or below, Home and End to the row's ends. From nothing
 * (or a tile that is gone), the first tile. Stays put at the field's edges.
 */
export function moveInField(rows: readonly TileRow[], fromId: string | null, key: string): string | null {
  const first = rows[0]?.tiles[0]?.id ?? null;
  let r = -1;
  let i = -1;
  if (fromId !== null) {
    r = rows.findIndex((row) => (i = row.tiles.findIndex((t) => t.id === fromId)) >= 0);
  }
  if (r < 0) return first;
  const row = rows[r].tiles;
  switch (key) {
    case 'ArrowLeft': return row[Math.max(0, i - 1)].id;
    case 'ArrowRight': return row[Math.min(row.length - 1, i + 1)].id;
    case 'Home': return row[0].id;
    case 'End': return row[row.length - 1].id;
    case 'ArrowUp':
    case 'ArrowDown': {
      const next = rows[key === 'ArrowUp' ? r - 1 : r + 1];
      if (!next) return fromId;
      const column = row[i].column;
      return next.tiles.reduce((best, t) => (Math.abs(t.column - column) < Math.abs(best.column - column) ? t : best)).id;
    }
    default: return fromId;
  }
}
