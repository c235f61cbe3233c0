// How the StatefulSet's rollout settings read, shared by its card and the summary strip.

import type { StatefulSetInfo } from '../lib/topology/types.ts';

export function strategyText(sts: StatefulSetInfo): string {
  return sts.updateStrategy === 'RollingUpdate' ? `RollingUpdate, partition ${sts.partition}` : sts.updateStrategy;
}

/** "5c8b7d9f4" when one revision runs; "5c8b7d9f4 current → 6f7d5c9b8 update" during a rollout. */
export function RevisionText({ sts }: { sts: StatefulSetInfo }) {
  const cur = sts.currentRevisionHash;
  const upd = sts.updateRevisionHash;
  if (cur === null && upd === null) return <span>unknown</span>;
  if (cur === upd || upd === null) return <span className="font-mono">{cur}</span>;
  return (
    <span>
      <span className="font-mono">{cur ?? '?'}</span> current <span aria-hidden="true">→</span>
      <span className="sr-only">, </span> <span className="font-mono">{upd}</span> update
    </span>
  );
}
