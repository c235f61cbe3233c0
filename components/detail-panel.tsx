'use client';

// Details of the selected graph node: its trimmed model data as YAML and its Warning events.

import { PAST_WARNING, PastNote } from './explanations-panel.tsx';
import type { NodeDetail } from './node-detail.ts';

export function DetailPanel({ detail, onClose }: { detail: NodeDetail; onClose: () => void }) {
  const { node, yaml, events } = detail;
  return (
    <section aria-label={`Details of ${node.kind} ${node.name}`} data-detail-id={node.id} className="space-y-2">
      <div className="flex items-start justify-between gap-2">
        <div>
          <div className="text-xs font-semibold uppercase tracking-wider text-slate-700 dark:text-slate-300">{node.kind}</div>
          <h2 className="break-all text-xl font-bold">{node.name}</h2>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close details"
          className="rounded-md border-2 border-slate-600 px-2 text-lg font-bold hover:bg-slate-200 dark:border-slate-300 dark:hover:bg-slate-800"
        >
          ✕
        </button>
      </div>
      {events.length > 0 && (
        <ul aria-label="Warning events" className="space-y-1">
          {events.map((e) => (
            <li
              key={`${e.reason}:${e.message}`} data-past={e.past !== null}
              className={`rounded border-2 px-2 py-1 text-sm ${e.past === null ? 'border-orange-700 bg-orange-50 dark:border-orange-400 dark:bg-orange-950' : PAST_WARNING}`}
            >
              {e.past === null && <span aria-hidden="true">⚠ </span>}<span className="font-bold">{e.reason}</span>{e.count > 1 ? ` (×${e.count})` : ''}: {e.message}
              <PastNote past={e.past} />
            </li>
          ))}
        </ul>
      )}
      <pre className="max-h-[60vh] overflow-auto whitespace-pre-wrap break-words rounded-md border-2 border-slate-300 bg-slate-100 p-2 font-mono text-sm leading-snug dark:border-slate-700 dark:bg-slate-900">{yaml}</pre>
    </section>
  );
}
