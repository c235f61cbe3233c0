'use client';

// The caption a replay shows over the graph for its current step: "web-1: Ready (12:03:04.2)"
// and the entry's sentence. The card statuses underneath stay live (nothing is faked); only the
// pod the step is about is highlighted (graph/to-flow.ts HIGHLIGHT_CLASS).

import type { ReplayState } from './replay.ts';
import { entryCaption } from './transition-words.ts';

export function ReplayCaption({ state, clockOffset }: { state: ReplayState; clockOffset: number }) {
  const e = state.steps[state.index];
  return (
    <div className="pointer-events-none absolute inset-x-0 top-3 z-10 flex justify-center px-4">
      <div className="max-w-[90%] rounded-xl border-[3px] border-fuchsia-700 bg-white px-4 py-2 shadow-lg dark:border-fuchsia-300 dark:bg-slate-900">
        <div role="status" aria-label="Replay" data-seq={e.seq}>
          <div className="text-sm font-semibold uppercase tracking-wider text-fuchsia-800 dark:text-fuchsia-200">Replay · step {state.index + 1} of {state.steps.length}</div>
          <div className="text-2xl font-extrabold">{entryCaption(e, clockOffset)}</div>
          {e.pod !== null && <div className="text-base">{e.text}</div>}
        </div>
      </div>
    </div>
  );
}
