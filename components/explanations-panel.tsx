// "What is happening": the model's plain sentences (most important first), then warnings: the
// cluster's Warning events, and degradations the server reports (e.g. PVs not readable).

import type { Topology } from '../lib/topology/types.ts';
import { parseNodeId } from './format.ts';

/** The look of a warning event that no longer applies (WarningEvent.past): grey, not orange. */
export const PAST_WARNING = 'border-slate-400 text-slate-700 dark:border-slate-500 dark:text-slate-300';

/** Why a warning event no longer applies (WarningEvent.past), after its message. */
export function PastNote({ past }: { past: string | null }) {
  return past === null ? null : <span className="block font-semibold">No longer applies: {past}.</span>;
}

export function ExplanationsPanel({ topology, notices }: { topology: Topology; notices: readonly string[] }) {
  const warnings = topology.warningEvents;
  return (
    <section aria-labelledby="explanations-heading" className="space-y-3">
      <h2 id="explanations-heading" className="text-lg font-bold">What is happening</h2>
      {topology.explanations.length === 0 ? (
        <p className="text-base">Nothing to explain: every pod is where the StatefulSet wants it.</p>
      ) : (
        <ul aria-label="Explanations" className="list-disc space-y-1.5 pl-5 text-base">
          {topology.explanations.map((s) => <li key={s}>{s}</li>)}
        </ul>
      )}
      {(warnings.length > 0 || notices.length > 0) && (
        <>
          <h2 className="pt-2 text-lg font-bold"><span aria-hidden="true">⚠ </span>Warnings</h2>
          <ul aria-label="Warnings" className="space-y-2 text-base">
            {notices.map((n) => <li key={`notice:${n}`} className="rounded border-2 border-orange-700 px-2 py-1 dark:border-orange-400">{n}</li>)}
            {warnings.map((w) => (
              <li
                key={`${w.nodeId}:${w.reason}:${w.message}`} data-past={w.past !== null}
                className={`rounded border-2 px-2 py-1 ${w.past === null ? 'border-orange-700 dark:border-orange-400' : PAST_WARNING}`}
              >
                <span className="font-bold">{parseNodeId(w.nodeId).name}</span> · {w.reason}{w.count > 1 ? ` (×${w.count})` : ''}: {w.message}
                <PastNote past={w.past} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
