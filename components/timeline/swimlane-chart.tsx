'use client';

// The swimlane view: one lane per ordinal, a bar per phase over a shared time axis (a gap while
// the pod does not exist), the user's actions as vertical markers, and (OrderedReady) arrows
// from the moment a pod became Ready to the creation of the next one, so "web-1 started only
// after web-0 was Ready" reads at a glance. Phases differ by pattern and label, not only colour.

import { useId } from 'react';
import type { SwimlaneModel, Segment } from './swimlanes.ts';
import { PHASE_FILL, PHASE_LABEL } from './transition-look.ts';
import { LANE_PHASES, type LanePhase, clockTenths } from './transition-words.ts';
import { timeTicks } from './time-axis.ts';
import { useWidth } from './use-width.ts';

const LABEL_W = 84;
const RIGHT_PAD = 20;
const MARKER_ROW = 22;
const AXIS_ROW = 22;
const LANE_H = 30;
const LANE_GAP = 8;
const TOP = MARKER_ROW + AXIS_ROW;
/** Roughly one character of the bar labels (14px semibold), to decide whether a label fits. */
const CHAR_PX = 8.6;

interface Props {
  model: SwimlaneModel;
  clockOffset: number;
  /** Server time of the entry a replay is at: a cursor line; null when not replaying. */
  cursorAt: number | null;
}

export function SwimlaneChart({ model, clockOffset, cursorAt }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const ids = useId().replace(/:/g, '');
  const height = TOP + model.lanes.length * (LANE_H + LANE_GAP) + 4;
  const plot = Math.max(50, width - LABEL_W - RIGHT_PAD);
  const span = Math.max(1, model.end - model.start);
  const x = (t: number) => LABEL_W + ((t - model.start) / span) * plot;
  const laneTop = (i: number) => TOP + i * (LANE_H + LANE_GAP);
  const row = new Map(model.lanes.map((l, i) => [l.ordinal, i]));
  const fill = (p: LanePhase) => `url(#${ids}-${p})`;
  const ticks = width > 0 ? timeTicks(model.start - clockOffset, model.end - clockOffset, plot) : [];

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1">
      <svg width={0} height={0} aria-hidden="true" className="absolute"><PhasePatterns ids={ids} /></svg>
      <div ref={ref} className="min-h-0 flex-1 overflow-y-auto">
        {model.lanes.length === 0 ? (
          <p className="p-2 text-base text-slate-700 dark:text-slate-300">No pod changes in this range.</p>
        ) : width > 0 && (
          <svg width={width} height={height} role="img" aria-label={chartSummary(model)} className="block font-sans">
            <defs>
              <marker id={`${ids}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" className="fill-slate-900 dark:fill-slate-100" />
              </marker>
            </defs>
            {ticks.map((t) => (
              <g key={t.at}>
                <line x1={x(t.at + clockOffset)} x2={x(t.at + clockOffset)} y1={MARKER_ROW + AXIS_ROW - 4} y2={height} className="stroke-slate-300 dark:stroke-slate-700" />
                <text x={x(t.at + clockOffset)} y={MARKER_ROW + AXIS_ROW - 8} textAnchor="middle" className="fill-slate-700 text-[13px] font-medium dark:fill-slate-300">{t.label}</text>
              </g>
            ))}
            {model.lanes.map((lane, i) => (
              <g key={lane.ordinal} data-lane={lane.pod}>
                <text x={8} y={laneTop(i) + LANE_H / 2 + 5} className="fill-slate-950 text-[15px] font-bold dark:fill-slate-50">{lane.pod}</text>
                <line x1={LABEL_W} x2={LABEL_W + plot} y1={laneTop(i) + LANE_H / 2} y2={laneTop(i) + LANE_H / 2} strokeDasharray="2 6" className="stroke-slate-400 dark:stroke-slate-600" />
                {lane.segments.map((s) => <Bar key={`${s.phase}-${s.from}`} s={s} pod={lane.pod} x={x} y={laneTop(i)} fill={fill(s.phase)} offset={clockOffset} />)}
              </g>
            ))}
            {model.links.map((l) => {
              const a = row.get(l.fromOrdinal);
              const b = row.get(l.toOrdinal);
              if (a === undefined || b === undefined) return null;
              const down = b > a;
              return (
                <line
                  key={`${l.kind}-${l.toOrdinal}-${l.to}`}
                  x1={x(l.from)} y1={laneTop(a) + (down ? LANE_H : 0)} x2={x(l.to)} y2={laneTop(b) + (down ? 0 : LANE_H)}
                  markerEnd={`url(#${ids}-arrow)`} strokeWidth={2.5} className="stroke-slate-900 dark:stroke-slate-100"
                >
                  <title>{linkText(l, model.lanes[a].pod, model.lanes[b].pod)}</title>
                </line>
              );
            })}
            {model.markers.map((m) => (
              <g key={m.seq}>
                <line x1={x(m.at)} x2={x(m.at)} y1={4} y2={height} strokeWidth={2} strokeDasharray="6 3" className="stroke-sky-700 dark:stroke-sky-300" />
                <text x={x(m.at) + 4} y={16} className="fill-sky-900 text-[14px] font-bold dark:fill-sky-200">▶ {m.text}</text>
              </g>
            ))}
            {cursorAt !== null && cursorAt >= model.start && (
              <line x1={x(cursorAt)} x2={x(cursorAt)} y1={MARKER_ROW} y2={height} strokeWidth={3} className="stroke-fuchsia-700 dark:stroke-fuchsia-300" />
            )}
          </svg>
        )}
      </div>
      <Legend ids={ids} />
    </div>
  );
}

function Bar({ s, pod, x, y, fill, offset }: { s: Segment; pod: string; x: (t: number) => number; y: number; fill: string; offset: number }) {
  const x0 = x(s.from);
  const w = Math.max(2, x(s.to) - x0);
  const label = PHASE_LABEL[s.phase];
  const fits = w >= label.length * CHAR_PX + 16;
  return (
    <g data-phase={s.phase}>
      <title>{`${pod} ${s.phase} from ${clockTenths(s.from - offset)}${s.open ? ' (still)' : ` to ${clockTenths(s.to - offset)}`}`}</title>
      <rect x={x0} y={y} width={w} height={LANE_H} rx={3} fill={fill} strokeWidth={1.5} className="stroke-slate-800 dark:stroke-slate-300" />
      {s.born && <rect x={x0} y={y} width={4} height={LANE_H} className="fill-slate-950 dark:fill-slate-50" />}
      {fits && <text x={x0 + 8} y={y + LANE_H / 2 + 5} className={`pointer-events-none text-[14px] font-semibold ${PHASE_FILL[s.phase].text}`}>{label}</text>}
    </g>
  );
}

function PhasePatterns({ ids }: { ids: string }) {
  return (
    <defs>
      {LANE_PHASES.map((p) => {
        const f = PHASE_FILL[p];
        return (
          <pattern key={p} id={`${ids}-${p}`} width={8} height={8} patternUnits="userSpaceOnUse">
            <rect width={8} height={8} className={f.bg} />
            {f.pattern === 'hatch' && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" strokeWidth={1.5} className={f.mark} />}
            {f.pattern === 'cross' && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" strokeWidth={1.2} className={f.mark} />}
            {f.pattern === 'dots' && <circle cx={4} cy={4} r={1.6} className={f.mark} />}
          </pattern>
        );
      })}
    </defs>
  );
}

function Legend({ ids }: { ids: string }) {
  return (
    <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm font-semibold">
      {LANE_PHASES.filter((p) => p !== 'Succeeded').map((p) => (
        <li key={p} className="flex items-center gap-1.5">
          <svg width={28} height={14} aria-hidden="true"><rect x={0.75} y={0.75} width={26.5} height={12.5} rx={2} fill={`url(#${ids}-${p})`} strokeWidth={1.5} className="stroke-slate-800 dark:stroke-slate-300" /></svg>
          {p}
        </li>
      ))}
      <li>gap = pod does not exist</li>
      <li>▮ new pod</li>
      <li>→ waited for</li>
      <li className="text-sky-900 dark:text-sky-200">▶ your action</li>
    </ul>
  );
}

function linkText(l: SwimlaneModel['links'][number], fromPod: string, toPod: string): string {
  return l.kind === 'created-after-ready'
    ? `${toPod} was created after ${fromPod} became Ready`
    : `${toPod} was removed after ${fromPod} was gone or Ready again`;
}

function chartSummary(m: SwimlaneModel): string {
  return `Pod phases over time for ${m.lanes.map((l) => l.pod).join(', ')}; ${m.links.length} ordering arrows; ${m.markers.length} actions.`;
}
