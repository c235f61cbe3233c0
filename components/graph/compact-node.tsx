'use client';

// A pod, PVC or PV of a large set as a small tile: name, and the status as glyph + kubectl word
// (plus READY for a pod), in the same tones as the full cards, so a 1,000-pod set reads as one
// overview and the odd pod out stands out; below TILE_TEXT_ZOOM the tile is its colour alone.
// Selecting a tile opens its full details in the side panel.
// Its size and connection points are given to React Flow up front (to-flow.ts tileGeometry), so
// it must keep exactly that size (fixed height) and draw its two handles where that says: React
// Flow re-reads them from the DOM once it measures the tile.

import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { type Look, claimLook, podLook, podStatusText, volumeLook } from '../status-tone.ts';
import { CARD_TONE } from '../tone-classes.ts';
import { TILE_HEIGHT, TILE_WIDTH } from './card-grid.ts';
import type { CompactFlowNode } from './flow-types.ts';

function tileOf(data: CompactFlowNode['data']): { look: Look; status: string; ready: string | null } {
  if ('pod' in data) {
    const pod = data.pod;
    return { look: podLook(pod), status: podStatusText(pod), ready: pod.placeholder ? null : pod.kubectl.ready };
  }
  if ('claim' in data) return { look: claimLook(data.claim.exists ? data.claim.status : null), status: data.node.status, ready: null };
  return { look: volumeLook(data.volume?.phase ?? null), status: data.node.status, ready: null };
}

/** Below this zoom a tile's text would be a few pixels tall: it shows its colour only. */
export const TILE_TEXT_ZOOM = 0.45;
const zoomedIn = (s: { transform: [number, number, number] }) => s.transform[2] >= TILE_TEXT_ZOOM;

function CompactNodeView({ data, selected }: NodeProps<CompactFlowNode>) {
  const { look, status, ready } = tileOf(data);
  // Thousands of tiles at overview zoom: no text to lay out (the node's aria-label says it all).
  const readable = useStore(zoomedIn);
  const ring = selected ? 'ring-4 ring-sky-500 dark:ring-sky-300' : '';
  const name = data.node.kind === 'PersistentVolume' ? `PV ${data.node.name.slice(0, 12)}` : data.node.name;
  return (
    <div style={{ width: TILE_WIDTH, height: TILE_HEIGHT[data.node.kind] }} className={`overflow-hidden rounded-md border-2 px-1.5 py-0.5 text-slate-950 dark:text-slate-50 ${CARD_TONE[look.tone]} ${ring}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} className="!opacity-0" />
      {readable && (
        <>
          <div className="truncate text-sm font-bold leading-tight" title={data.node.name}>{name}</div>
          <div className="truncate text-xs font-semibold leading-tight">
            <span aria-hidden="true">{look.glyph} </span>{status}{ready !== null && ` · ${ready}`}
          </div>
        </>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="!opacity-0" />
    </div>
  );
}

export const CompactNode = memo(CompactNodeView);
