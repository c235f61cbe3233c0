'use client';

// Partition of a RollingUpdate: ordinals at or above it get the update revision, the ones below
// keep the current one (a canary). With OnDelete there is no partition: disabled, saying why.

import { useState } from 'react';
import type { StatefulSetInfo } from '../../lib/topology/types.ts';
import { actionRequests } from './action-client.ts';
import { Button, FIELD, Group } from './control-parts.tsx';
import { parsePartition } from './parse-count.ts';
import type { ActionRunner } from './use-action-runner.ts';
import { useFeedback } from './use-feedback.ts';

export const PARTITION_KEY = 'partition';

export function PartitionControl({ namespace, sts, runner }: { namespace: string; sts: StatefulSetInfo; runner: ActionRunner }) {
  const [draft, setDraft] = useState<string | null>(null);
  const feedback = useFeedback(runner.feedback, PARTITION_KEY);
  const onDelete = sts.updateStrategy === 'OnDelete';
  const busy = feedback?.kind === 'pending';

  const submit = async () => {
    const n = parsePartition(draft ?? String(sts.partition));
    if (typeof n === 'string') {
      runner.feedback.set(PARTITION_KEY, { kind: 'error', text: n });
      return;
    }
    const ok = await runner.run(PARTITION_KEY, actionRequests.partition(namespace, sts.name, n), {
      pending: `Setting partition to ${n}…`,
      question: null,
    });
    if (ok) setDraft(null);
  };

  const note = onDelete
    ? <p className="text-sm font-medium">No partition: the update strategy is OnDelete (pods change only when deleted).</p>
    : undefined;
  return (
    <Group label="Partition" feedback={feedback} note={note}>
      <form className="contents" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="partition-field" className="text-base font-bold">Partition</label>
        <input
          id="partition-field"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          disabled={onDelete}
          value={onDelete ? '' : (draft ?? String(sts.partition))}
          onChange={(e) => setDraft(e.target.value)}
          className={`${FIELD} w-16 text-center`}
        />
        <Button type="submit" disabled={onDelete || busy}>Set partition</Button>
      </form>
    </Group>
  );
}
