// Deterministic positions for the graph: the StatefulSet and its Service on top, pods in one row
// by ordinal (wrapping every `columns` pods into another band), each pod's PVCs under it (one row
// per claim template) and their PVs under those. Contract: a position depends only on the node's
// identity (kind, ordinal, claim-template slot; for a PV, the claim it is bound to) and on which
// ordinals exist; never on statuses or on the order of `nodes`, so status changes move nothing.

import { compareStrings } from './fields.ts';
import type { TopologyNode } from './types.ts';

export interface Position {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Pods per row before wrapping; default 12. */
  columns?: number;
}

export const COLUMN_WIDTH = 240;
export const ROW_HEIGHT = 140;
export const DEFAULT_COLUMNS = 12;

export function layoutTopology(topology: { nodes: readonly TopologyNode[] }, options: LayoutOptions = {}): Record<string, Position> {
  const columns = Math.max(1, Math.floor(options.columns ?? DEFAULT_COLUMNS));
  const nodes = [...topology.nodes].sort((a, b) => compareStrings(a.id, b.id));
  const ordinals = [...new Set(nodes.flatMap((n) => (n.ordinal === null ? [] : [n.ordinal])))].sort((a, b) => a - b);
  const column = new Map(ordinals.map((o, i) => [o, i]));
  const slots = Math.max(0, ...nodes.map((n) => (n.slot === null ? -1 : n.slot + 1)));
  const bandRows = 1 + 2 * slots;
  const bands = Math.ceil(ordinals.length / columns);
  const at = (col: number, row: number): Position => ({ x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  const out: Record<string, Position> = {};
  let loose = 0;
  for (const n of nodes) {
    if (n.kind === 'StatefulSet') out[n.id] = at(0, 0);
    else if (n.kind === 'Service') out[n.id] = at(1, 0);
    else if (n.ordinal !== null && column.has(n.ordinal)) {
      const i = column.get(n.ordinal) ?? 0;
      const top = 1 + Math.floor(i / columns) * bandRows;
      const slot = n.slot ?? 0;
      const row = n.kind === 'Pod' ? top : n.kind === 'PersistentVolumeClaim' ? top + 1 + slot : top + 1 + slots + slot;
      out[n.id] = at(i % columns, row);
    } else {
      // Nodes with no ordinal (none today besides the two above) go in one row below everything.
      out[n.id] = at(loose++, 1 + bands * bandRows);
    }
  }
  return out;
}
