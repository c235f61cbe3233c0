'use client';

// The read-only React Flow view of one topology. Pan and zoom are the user's: the viewport is
// fitted on the first render, when the set of nodes changes (scale up/down) and when the pane is
// resized before the user moved it, never because a status changed. Selection (click, or Enter on a focused node) is reported to the page, which
// owns it; Escape or a click on the empty pane clears it.

import '@xyflow/react/dist/style.css';
import {
  Background, Controls, ReactFlow, applyNodeChanges, getNodesBounds, getViewportForBounds, useReactFlow, useStore,
  type ColorMode, type NodeChange, type Viewport,
} from '@xyflow/react';
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Topology } from '../../lib/topology/types.ts';
import type { TopologyFlowNode } from './flow-types.ts';
import { type GraphState, advanceGraphState } from './graph-state.ts';
import { type NodeActions, NodeActionsContext } from './node-actions.ts';
import { edgeTypes, nodeTypes } from './node-types.ts';
import { TileSelectContext } from './tile-field-node.tsx';

export interface TopologyGraphProps {
  topology: Topology;
  selectedId: string | null;
  /** The node a replay points at; null when not replaying. */
  highlightId: string | null;
  onSelect: (id: string | null) => void;
  /** What cards may ask of the page; must keep its identity across renders (node-actions.ts). */
  actions: NodeActions;
  colorMode: ColorMode;
}

// Small sets are zoomed in (up to 1.6x) so cards read from the back of a room on a projector.
const FIT_OPTIONS = { padding: 0.06, maxZoom: 1.6 } as const;
const MAX_ZOOM = 2;

export function TopologyGraph({ topology, selectedId, highlightId, onSelect, actions, colorMode }: TopologyGraphProps) {
  const [state, setState] = useState<GraphState>(() => advanceGraphState(null, topology, selectedId, highlightId));
  // Adjust derived state while rendering (React's "storing information from previous renders").
  let current = state;
  if (state.topology !== topology || state.selectedId !== selectedId || state.highlightId !== highlightId) {
    current = advanceGraphState(state, topology, selectedId, highlightId);
    setState(current);
  }

  const onNodesChange = useCallback((changes: NodeChange<TopologyFlowNode>[]) => {
    const picked = selectionOf(changes);
    if (picked !== undefined) onSelect(picked);
    // Only sizes are applied: positions are the layout's, selection is the page's.
    const sizes = changes.filter((c) => c.type === 'dimensions');
    if (sizes.length > 0) setState((s) => ({ ...s, nodes: applyNodeChanges(sizes, s.nodes) }));
  }, [onSelect]);
  // Set once the user pans or zooms (React Flow passes an event only for user moves): from then
  // on a resize of the pane leaves their viewport alone.
  const userMoved = useRef(false);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => { if (event) userMoved.current = true; }, []);
  const minZoom = current.density === 'compact' ? 0.04 : 0.15;

  // The pane's size, read before React Flow mounts: when every node's size is known (a large set's
  // fixed cards and tile field, graph-state.ts), the first frame is already fitted instead of
  // drawn at zoom 1 and fitted once React Flow has measured the nodes.
  const box = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ width: number; height: number; viewport: Viewport | undefined } | null>(null);
  useLayoutEffect(() => {
    if (start || !box.current) return;
    const { width, height } = box.current.getBoundingClientRect();
    const sized = width > 0 && height > 0 && current.nodes.every((n) => n.measured?.width !== undefined && n.measured.height !== undefined);
    setStart({
      width, height,
      viewport: sized ? getViewportForBounds(getNodesBounds(current.nodes), width, height, minZoom, MAX_ZOOM, FIT_OPTIONS.padding) : undefined,
    });
  }, [start, current.nodes, minZoom]);

  return (
    <div ref={box} className="h-full w-full">
    {start && (
    <NodeActionsContext.Provider value={actions}>
      <TileSelectContext.Provider value={onSelect}>
      <ReactFlow<TopologyFlowNode>
        aria-label="StatefulSet topology graph"
        nodes={current.nodes}
        edges={current.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultMarkerColor={colorMode === 'dark' ? '#cbd5e1' : '#334155'}
        onNodesChange={onNodesChange}
        onPaneClick={() => onSelect(null)}
        onMoveStart={onMoveStart}
        colorMode={colorMode}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        edgesReconnectable={false}
        elementsSelectable
        selectNodesOnDrag={false}
        deleteKeyCode={null}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        fitView
        fitViewOptions={FIT_OPTIONS}
        // Sized, these start the store's viewport fitted (React Flow's server-rendering support);
        // the pan-zoom starts from defaultViewport, the same fit.
        width={start.viewport && start.width}
        height={start.viewport && start.height}
        defaultViewport={start.viewport}
        // A large set (tiles) must fit as a whole.
        minZoom={minZoom}
        maxZoom={MAX_ZOOM}
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
        <FitWhenNodeSetChanges nodeSetKey={current.nodeSetKey} />
        <FitWhenPaneResizes userMoved={userMoved} />
      </ReactFlow>
      </TileSelectContext.Provider>
    </NodeActionsContext.Provider>
    )}
    </div>
  );
}

/** undefined: the changes say nothing about selection; null: cleared; else the newly selected id. */
function selectionOf(changes: readonly NodeChange[]): string | null | undefined {
  let result: string | null | undefined;
  for (const c of changes) {
    if (c.type !== 'select') continue;
    if (c.selected) return c.id;
    result = null;
  }
  return result;
}

/**
 * Refits when the pane changes size (the controls bar appears once the session is known, the
 * window moves to a projector) unless the user has moved the viewport themselves.
 */
function FitWhenPaneResizes({ userMoved }: { userMoved: RefObject<boolean> }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    if (!userMoved.current && width > 0 && height > 0) void fitView(FIT_OPTIONS);
  }, [width, height, fitView, userMoved]);
  return null;
}

/** Refits (once the new nodes are measured: React Flow queues the fit) when nodes come or go. */
function FitWhenNodeSetChanges({ nodeSetKey }: { nodeSetKey: string }) {
  const { fitView } = useReactFlow();
  const fitted = useRef(nodeSetKey);
  useEffect(() => {
    if (fitted.current === nodeSetKey) return;
    fitted.current = nodeSetKey;
    void fitView(FIT_OPTIONS);
  }, [nodeSetKey, fitView]);
  return null;
}
