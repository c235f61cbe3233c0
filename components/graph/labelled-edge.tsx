'use client';

// The graph's one edge type: React Flow's Bezier path plus a readable label (the relation's
// name) rendered as HTML, so it has real text contrast in both themes. The label of a fan-out
// edge (owns, selects) sits near the pod it points at; the others sit in the middle.

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TopologyFlowEdge } from './flow-types.ts';
import { pointOnEdge } from './edge-geometry.ts';

function LabelledEdgeView(props: EdgeProps<TopologyFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style } = props;
  const [path] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const label = data?.label ?? '';
  const fanOut = label === 'owns' || label === 'selects';
  const at = pointOnEdge({ sourceX, sourceY, sourceSide: sourcePosition, targetX, targetY, targetSide: targetPosition }, fanOut ? 0.82 : 0.5);
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} />
      <EdgeLabelRenderer>
        <div
          className="pointer-events-none absolute rounded border border-slate-400 bg-white px-1 text-[13px] font-semibold leading-tight text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100"
          style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
        >
          {label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const LabelledEdge = memo(LabelledEdgeView);
