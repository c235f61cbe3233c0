'use client';

// The tile field of a large set (tile-field.ts) as one React Flow node: an SVG of straight lines
// for the relations (the fans from the StatefulSet and Service cards included; one path per kind
// of relation) under the tiles (CSS grid items). A tile shows its name and status (glyph + kubectl word, READY for a pod) in the
// tones of the full cards; below TILE_TEXT_ZOOM it is its colour alone. Each tile carries the
// graph's `data-id`/`data-status`/`data-ready` attributes and an aria-label; clicking one selects
// it (its details open in the side panel).

import { type NodeProps, useStore } from '@xyflow/react';
import { type CSSProperties, type KeyboardEvent, type MouseEvent, createContext, memo, useCallback, useContext, useMemo, useState } from 'react';
import type { EdgeLabel, NodeKind } from '../../lib/topology/types.ts';
import { CARD_TONE } from '../tone-classes.ts';
import { CARD_WIDTH, TILE_HEIGHT, TILE_WIDTH } from './card-grid.ts';
import type { TileFieldFlowNode } from './flow-types.ts';
import { type Anchors, FIELD_KEYS, type FieldLine, type Tile, type TileRow, boxAnchors, moveInField } from './tile-field.ts';

/** Below this zoom a tile's text would be a few pixels tall. */
export const TILE_TEXT_ZOOM = 0.45;

/** The page's selection handler, for tiles (they are not React Flow nodes). */
export const TileSelectContext = createContext<(id: string) => void>(() => {});

// No dashes here: a dash pattern along thousands of long lines is re-computed for every raster tile
// the path crosses, which cost hundreds of milliseconds per tile in software raster. The Service's
// fan takes a hue of its own instead.
const LINE_TONE: Partial<Record<EdgeLabel, string>> = { selects: 'stroke-sky-700 dark:stroke-sky-300' };
// The fans from the set and Service cards cross the whole field: drawn faint and thin so they
// show the relation without hatching the tiles; a pod's own mounts and bound lines stay strong.
const FAN: ReadonlySet<EdgeLabel> = new Set(['owns', 'selects']);

// Not before the first fit: the viewport starts at zoom 1, and laying out thousands of labels
// only to drop them a frame later is most of a large set's first draw.
const zoomedIn = (s: { transform: [number, number, number]; fitViewQueued: boolean }) => !s.fitViewQueued && s.transform[2] >= TILE_TEXT_ZOOM;

/** The DOM id of a tile, for the field's aria-activedescendant (only the active tile has one). */
const tileDomId = (id: string) => `tile:${id}`;

function TileFieldView({ data }: NodeProps<TileFieldFlowNode>) {
  const { field, cards, selectedId, highlightId } = data;
  const readable = useStore(zoomedIn);
  const select = useContext(TileSelectContext);
  // Keyboard: the field is one tab stop (thousands of tiles are not thousands of stops); the arrow
  // keys move an active tile (aria-activedescendant) and Enter or Space opens its details, as Enter
  // does on a card. A click makes the clicked tile the active one.
  const [active, setActive] = useState<string | null>(null);
  const activeId = active !== null && field.anchors.has(active) ? active : null;
  const choose = useCallback((id: string) => {
    setActive(id);
    select(id);
  }, [select]);
  const onFocus = () => {
    if (activeId === null) setActive(selectedId !== null && field.anchors.has(selectedId) ? selectedId : moveInField(field.rows, null, 'Home'));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (FIELD_KEYS.has(e.key)) setActive(moveInField(field.rows, activeId, e.key));
    else if ((e.key === 'Enter' || e.key === ' ') && activeId !== null) select(activeId);
    else return;
    // Not React Flow's too: it would take Enter for the field node and arrows for panning.
    e.preventDefault();
    e.stopPropagation();
  };
  // Card bottoms come from React Flow's measurement of those two cards.
  const cardHeights = useStore((s) => cards.map((c) => s.nodeLookup.get(c.id)?.measured.height ?? 0).join(','));
  const cardAnchors = useMemo(() => {
    const heights = cardHeights.split(',').map(Number);
    return new Map<string, Anchors>(cards.map((c, i) => [c.id, boxAnchors({ ...c, width: CARD_WIDTH, height: heights[i] })]));
  }, [cards, cardHeights]);
  return (
    // A stacking context (isolate) so the lines (z-index -1) draw above the field's background and
    // under the tiles, which are grid items in normal flow (tile-field.ts TileField.grid). Tile
    // sizes come from custom properties set here once, not from a style attribute per tile.
    <div
      className="group relative isolate grid outline-none" role="group" aria-label={`${field.tiles.length} pods, claims and volumes`}
      tabIndex={0} aria-activedescendant={activeId === null ? undefined : tileDomId(activeId)} onFocus={onFocus} onKeyDown={onKeyDown}
      style={{ width: field.width, height: field.height, gridTemplateColumns: field.grid.columns, gridTemplateRows: field.grid.rows, ...TILE_SIZE_VARS }}
    >
      <Lines lines={field.lines} tileAnchors={field.anchors} cardAnchors={cardAnchors} width={field.width} height={field.height} />
      {field.rows.map((r) => (
        <TileRowView
          key={r.row} row={r} readable={readable} selectedId={inRow(r, selectedId)} highlightId={inRow(r, highlightId)}
          activeId={inRow(r, activeId)} onSelect={choose}
        />
      ))}
    </div>
  );
}

/**
 * One path per kind of relation, a segment per relation: thousands of separate SVG elements cost
 * more to lay out and paint than the tiles. `data-edges` says how many relations a path draws.
 * Its inputs stay the same objects through status changes, so a storm never rebuilds the paths.
 */
const Lines = memo(function Lines({ lines, tileAnchors, cardAnchors, width, height }: {
  lines: readonly FieldLine[]; tileAnchors: ReadonlyMap<string, Anchors>; cardAnchors: ReadonlyMap<string, Anchors>; width: number; height: number;
}) {
  const at = (id: string) => tileAnchors.get(id) ?? cardAnchors.get(id);
  const paths = new Map<EdgeLabel, { d: string[]; count: number }>();
  for (const l of lines) {
    const a = at(l.source)?.source;
    const b = at(l.target)?.target;
    if (!a || !b) continue;
    const p = paths.get(l.label) ?? { d: [], count: 0 };
    p.d.push(`M${a.x} ${a.y}L${b.x} ${b.y}`);
    p.count++;
    paths.set(l.label, p);
  }
  return (
    // Not a compositing layer of its own: thousands of tiles over a separately composited layer
    // made Chromium re-sort them into layers on every frame (~100 ms); re-rastering the plain
    // lines under a changed tile costs less.
    <svg className="pointer-events-none absolute left-0 top-0 -z-10 overflow-visible" width={width} height={height} aria-hidden="true">
      {[...paths].map(([label, p]) => (
        <path
          key={label} data-edge={label} data-edges={p.count} d={p.d.join('')} fill="none"
          className={LINE_TONE[label] ?? 'stroke-slate-500 dark:stroke-slate-400'}
          strokeWidth={FAN.has(label) ? 1 : 2} strokeOpacity={FAN.has(label) ? 0.35 : 1}
        />
      ))}
    </svg>
  );
});

/**
 * One grid row of tiles (a subgrid on the field's columns). Tiles that follow their left
 * neighbour are placed by the grid itself; only one after a gap names its column. Without a
 * style attribute per tile, Chromium computes one tile's style and reuses it for every tile of the
 * same kind and tone: a per-tile style made the first style pass of a 1,000-pod field take
 * 300-600 ms. Positioned, the row is a paint layer of its own, so a changed tile repaints its row.
 */
const TileRowView = memo(function TileRowView({ row, readable, selectedId, highlightId, activeId, onSelect }: {
  row: TileRow; readable: boolean; selectedId: string | null; highlightId: string | null; activeId: string | null; onSelect: (id: string) => void;
}) {
  // One click handler for the row: a tile is a plain element, not a component with its own.
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const id = (e.target as Element).closest('[data-tile]')?.getAttribute('data-id');
    if (!id) return;
    e.stopPropagation();
    onSelect(id);
  };
  return (
    <div className="pointer-events-none relative col-span-full grid grid-cols-subgrid" style={{ gridRowStart: row.row }} onClick={onClick}>
      {row.tiles.map((t, i) => tileElement(
        t, t.column === (i === 0 ? 1 : row.tiles[i - 1].column + 1) ? null : t.column,
        readable, t.id === selectedId, t.id === highlightId, t.id === activeId,
      ))}
    </div>
  );
});

/** The id if it is one of the row's tiles, else null: the other rows keep their memoised render. */
function inRow(row: TileRow, id: string | null): string | null {
  return id !== null && row.tiles.some((t) => t.id === id) ? id : null;
}

/** Tile width and heights by kind, as custom properties of the field (card-grid.ts sizes). */
const TILE_SIZE_VARS = {
  '--tile-w': `${TILE_WIDTH}px`,
  '--tile-h-pod': `${TILE_HEIGHT.Pod}px`,
  '--tile-h-pvc': `${TILE_HEIGHT.PersistentVolumeClaim}px`,
  '--tile-h-pv': `${TILE_HEIGHT.PersistentVolume}px`,
} as CSSProperties;

const TILE_SIZE: Partial<Record<NodeKind, string>> = {
  Pod: 'w-[var(--tile-w)] h-[var(--tile-h-pod)]',
  PersistentVolumeClaim: 'w-[var(--tile-w)] h-[var(--tile-h-pvc)]',
  PersistentVolume: 'w-[var(--tile-w)] h-[var(--tile-h-pv)]',
};

// No overflow clip or containment on the tile (its text lines truncate themselves), and no
// positioning: each would make every tile a paint chunk of its own, and sorting thousands of those
// into compositing layers cost tens of milliseconds a frame. A plain element, not a memoised
// component: the row is the unit of re-rendering, and half the fibers make the first draw faster.
function tileElement(t: Tile, column: number | null, readable: boolean, selected: boolean, highlighted: boolean, active: boolean) {
  const ring = selected ? 'ring-4 ring-sky-500 dark:ring-sky-300' : highlighted ? 'outline outline-4 outline-offset-2 outline-fuchsia-700 dark:outline-fuchsia-300' : '';
  // The keyboard's place, shown while the field has keyboard focus (its :focus-visible).
  const focus = active ? 'group-focus-visible:outline group-focus-visible:outline-4 group-focus-visible:outline-offset-2 group-focus-visible:outline-slate-950 dark:group-focus-visible:outline-white' : '';
  return (
    <div
      key={t.id}
      {...t.attributes}
      data-id={t.id}
      data-tile=""
      id={active ? tileDomId(t.id) : undefined}
      data-replay={highlighted ? 'true' : undefined}
      role="img"
      aria-label={t.ariaLabel}
      title={readable ? undefined : t.ariaLabel}
      style={column === null ? undefined : { gridColumnStart: column }}
      className={`pointer-events-auto cursor-pointer self-start justify-self-start ${TILE_SIZE[t.kind] ?? ''} rounded-md border-2 px-1.5 py-0.5 text-slate-950 dark:text-slate-50 ${CARD_TONE[t.look.tone]} ${ring} ${focus}`}
    >
      {readable && (
        <>
          <div className="truncate text-sm font-bold leading-tight">{t.label}</div>
          <div className="truncate text-xs font-semibold leading-tight">
            <span aria-hidden="true">{t.look.glyph} </span>{t.status}{t.ready !== null && ` · ${t.ready}`}
          </div>
        </>
      )}
    </div>
  );
}

export const TileFieldNode = memo(TileFieldView);
