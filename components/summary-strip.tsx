// The strip above the graph: what `kubectl get sts` and `kubectl rollout status` would say.

import type { StatefulSetInfo } from '../lib/topology/types.ts';
import { RevisionText, strategyText } from './revision-text.tsx';
import { setLook } from './status-tone.ts';
import { PILL_TONE } from './tone-classes.ts';

export function SummaryStrip({ sts }: { sts: StatefulSetInfo }) {
  const look = setLook(sts);
  return (
    <section aria-label="Summary" className="flex flex-wrap items-center gap-x-6 gap-y-1 border-b-2 border-slate-300 bg-white px-4 py-2 text-base dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-2xl font-extrabold">{sts.name}</h1>
      <span data-testid="summary-ready" className={`rounded-md px-2 py-0.5 text-lg font-bold ${PILL_TONE[look.tone]}`}>
        <span aria-hidden="true">{look.glyph} </span>READY {sts.ready}
      </span>
      <span><span className="text-slate-700 dark:text-slate-300">revision </span><RevisionText sts={sts} /></span>
      <span><span className="text-slate-700 dark:text-slate-300">strategy </span>{strategyText(sts)}</span>
      <span><span className="text-slate-700 dark:text-slate-300">policy </span>{sts.podManagementPolicy}</span>
      <span data-testid="rollout-status" className="basis-full font-medium">{sts.rolloutStatus}</span>
    </section>
  );
}
