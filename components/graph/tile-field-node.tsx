'use client';

// The tile field of a large set (tile-field.ts) as one React Flow node: an SVG of straight lines
// for the relations (the fans from the StatefulSet and Service cards included; one path per kind
// of relation) under absolutely placed tiles. A tile shows its name and status (glyph + kubectl word, READY for a pod) in the
// tones of the full cards; below TILE_TEXT_ZOOM it is its colour alone. Each tile carries the
// graph's `data-id`/`data-status`/`data-ready` attributes and an aria-label; clicking one selects
// it (its details open in the side panel).

import { type NodeProps, useStore } from '@xyflow/react';
import { createContext, memo, useContext, useMemo } from 'react';
import type { Position } from '../../lib/topology/layout.ts';
import type { EdgeLabel } from '../../lib/topology/types.ts';
import { CARD_TONE } from '../tone-classes.ts';
import { CARD_WIDTH } from './card-grid.ts';
import type { TileFieldFlowNode } from './flow-types.ts';
import { type Tile, tileAnchor } from './tile-field.ts';

/** Below this zoom a tile's text would be a few pixels tall. */
export const TILE_TEXT_ZOOM = 0.45;

/** The page's selection handler, for tiles (they are not React Flow nodes). */
export const TileSelectContext = createContext<(id: string) => void>(() => {});

const LINE_DASH: Partial<Record<EdgeLabel, string>> = { selects: '10 6' };
// The fans from the set and Service cards cross the whole field: drawn faint and thin so they
// show the relation without hatching the tiles; a pod's own mounts and bound lines stay strong.
const FAN: ReadonlySet<EdgeLabel> = new Set(['owns', 'selects']);

// Not before the first fit: the viewport starts at zoom 1, and laying out thousands of labels
// only to drop them a frame later is most of a large set's first draw.
const zoomedIn = (s: { transform: [number, number, number]; fitViewQueued: boolean }) => !s.fitViewQueued && s.transform[2] >= TILE_TEXT_ZOOM;

function TileFieldView({ data }: NodeProps<TileFieldFlowNode>) {
  const { field, cards, selectedId, highlightId } = data;
  const readable = useStore(zoomedIn);
  const select = useContext(TileSelectContext);
  // Card bottoms come from React Flow's measurement of those two cards.
  const cardHeights = useStore((s) => cards.map((c) => s.nodeLookup.get(c.id)?.measured.height ?? 0).join(','));
  const anchors = useMemo(() => {
    const heights = cardHeights.split(',').map(Number);
    const out = new Map<string, { source: Position; target: Position }>();
    cards.forEach((c, i) => {
      const bottom = { x: c.x + CARD_WIDTH / 2, y: c.y + heights[i] };
      out.set(c.id, { source: bottom, target: { x: c.x + CARD_WIDTH / 2, y: c.y } });
    });
    for (const t of field.tiles) out.set(t.id, { source: tileAnchor(t, 'source'), target: tileAnchor(t, 'target') });
    return out;
  }, [cards, cardHeights, field.tiles]);
  return (
    <div className="relative" style={{ width: field.width, height: field.height }} aria-label={`${field.tiles.length} pods, claims and volumes`}>
      <Lines field={field} anchors={anchors} />
      {field.tiles.map((t) => (
        <TileView key={t.id} tile={t} readable={readable} selected={t.id === selectedId} highlighted={t.id === highlightId} onSelect={select} />
      ))}
    </div>
  );
}

/**
 * One path per kind of relation, a segment per relation: thousands of separate SVG elements cost
 * more to lay out and paint than the tiles. `data-edges` says how many relations a path draws.
 */
const Lines = memo(function Lines({ field, anchors }: { field: TileFieldFlowNode['data']['field']; anchors: Map<string, { source: Position; target: Position }> }) {
  const paths = new Map<EdgeLabel, { d: string[]; count: number }>();
  for (const l of field.lines) {
    const a = anchors.get(l.source)?.source;
    const b = anchors.get(l.target)?.target;
    if (!a || !b) continue;
    const p = paths.get(l.label) ?? { d: [], count: 0 };
    p.d.push(`M${a.x} ${a.y}L${b.x} ${b.y}`);
    p.count++;
    paths.set(l.label, p);
  }
  return (
    <svg className="pointer-events-none absolute left-0 top-0 overflow-visible" width={field.width} height={field.height} aria-hidden="true">
      {[...paths].map(([label, p]) => (
        <path
          key={label} data-edge={label} data-edges={p.count} d={p.d.join('')} fill="none"
          className="stroke-slate-500 dark:stroke-slate-400" strokeDasharray={LINE_DASH[label]}
          strokeWidth={FAN.has(label) ? 1 : 2} strokeOpacity={FAN.has(label) ? 0.35 : 1}
        />
      ))}
    </svg>
  );
});

const TileView = memo(function TileView({ tile: t, readable, selected, highlighted, onSelect }: {
  tile: Tile; readable: boolean; selected: boolean; highlighted: boolean; onSelect: (id: string) => void;
}) {
  const ring = selected ? 'ring-4 ring-sky-500 dark:ring-sky-300' : highlighted ? 'outline outline-4 outline-offset-2 outline-fuchsia-700 dark:outline-fuchsia-300' : '';
  return (
    <div
      {...t.attributes}
      data-id={t.id}
      data-tile=""
      data-replay={highlighted ? 'true' : undefined}
      role="img"
      aria-label={t.ariaLabel}
      title={readable ? undefined : t.ariaLabel}
      onClick={(e) => { e.stopPropagation(); onSelect(t.id); }}
      style={{ left: t.x, top: t.y, width: t.width, height: t.height }}
      className={`pointer-events-auto absolute cursor-pointer overflow-hidden rounded-md border-2 px-1.5 py-0.5 text-slate-950 [contain:layout_style] dark:text-slate-50 ${CARD_TONE[t.look.tone]} ${ring}`}
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
});

export const TileFieldNode = memo(TileFieldView);
