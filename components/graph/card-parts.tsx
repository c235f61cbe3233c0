// Building blocks shared by the node cards: the frame (tone border + fill, fixed width), the
// invisible connection handles, the status pill (glyph + words) and the warning list.

import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { Look } from '../status-tone.ts';
import { CARD_TONE, PILL_TONE } from '../tone-classes.ts';

/**
 * `action`: a small button in the card's top-right corner (a pod's Delete). `fillsNode`: when the
 * node has a size of its own (React Flow sets it on the wrapper: a large set's set and Service,
 * graph-state.ts fixedCard), the card fills it and scrolls what would not fit instead of spilling
 * over the tiles below; otherwise the wrapper's height is auto, and so is the card's.
 * Connection points (invisible): `top`/`bottom` for the vertical chain, `left`/`right` for the
 * sideways serviceName edge, and on pod cards `top-owns`/`top-selects` (see to-flow.ts handlesOf).
 */
export function CardFrame(props: { look: Look; kindLabel: string; selected: boolean; sideHandle?: 'source' | 'target'; podEntries?: boolean; fillsNode?: boolean; action?: ReactNode; children: ReactNode }) {
  const ring = props.selected ? 'ring-4 ring-sky-500 ring-offset-2 ring-offset-white dark:ring-sky-300 dark:ring-offset-slate-950' : '';
  const height = props.fillsNode ? 'h-full overflow-y-auto' : '';
  return (
    <div className={`w-[300px] rounded-xl border-[3px] p-3 text-slate-950 shadow-sm dark:text-slate-50 ${height} ${CARD_TONE[props.look.tone]} ${ring}`}>
      <Handle id="top" type="target" position={Position.Top} isConnectable={false} className="!opacity-0" />
      {props.sideHandle === 'target' && <Handle id="left" type="target" position={Position.Left} isConnectable={false} className="!opacity-0" />}
      {props.podEntries && <Handle id="top-owns" type="target" position={Position.Top} isConnectable={false} className="!opacity-0" style={{ left: '30%' }} />}
      {props.podEntries && <Handle id="top-selects" type="target" position={Position.Top} isConnectable={false} className="!opacity-0" style={{ left: '70%' }} />}
      <div className="flex min-h-6 items-center justify-between gap-2">
        <div className="text-xs font-semibold uppercase tracking-wider text-slate-700 dark:text-slate-300">{props.kindLabel}</div>
        {props.action}
      </div>
      {props.children}
      {props.sideHandle === 'source' && <Handle id="right" type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />}
      <Handle id="bottom" type="source" position={Position.Bottom} isConnectable={false} className="!opacity-0" />
    </div>
  );
}

export function CardTitle({ children }: { children: ReactNode }) {
  return <div className="truncate text-xl font-bold leading-tight" title={typeof children === 'string' ? children : undefined}>{children}</div>;
}

export function StatusPill({ look, text, label }: { look: Look; text: string; label?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-base font-bold ${PILL_TONE[look.tone]}`}>
      {label && <span className="sr-only">{label} </span>}
      <span aria-hidden="true">{look.glyph}</span>
      <span>{text}</span>
    </span>
  );
}

/** A "label value" line; the label is muted, the value strong. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2 text-sm leading-snug">
      <span className="shrink-0 text-slate-700 dark:text-slate-300">{label}</span>
      <span className="min-w-0 break-words font-medium">{children}</span>
    </div>
  );
}

export function WarningList({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1">
      {warnings.map((w) => (
        <li key={w} title={w} className="line-clamp-4 rounded border-2 border-orange-700 bg-orange-100 px-2 py-1 text-sm font-medium text-orange-950 dark:border-orange-400 dark:bg-orange-950 dark:text-orange-50">
          <span aria-hidden="true">⚠ </span>
          <span className="sr-only">Warning: </span>
          {w}
        </li>
      ))}
    </ul>
  );
}
