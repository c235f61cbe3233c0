'use client';

// The Controls region: scale, delete all pods, rolling restart, set image, partition, and the
// "Ask before destructive actions" switch. Rendered only when the session says the dashboard may
// change things (read-only renders no controls at all). Each control shows its own progress,
// success or error under itself (control-parts.tsx).

import type { StatefulSetInfo } from '../../lib/topology/types.ts';
import { actionRequests } from './action-client.ts';
import { Button, Group } from './control-parts.tsx';
import { ImageControl } from './image-control.tsx';
import { PartitionControl } from './partition-control.tsx';
import { deleteAllQuestion, restartQuestion } from './questions.ts';
import { ScaleControl } from './scale-control.tsx';
import type { ActionRunner } from './use-action-runner.ts';
import { useFeedback } from './use-feedback.ts';

export interface ControlsPanelProps {
  namespace: string;
  sts: StatefulSetInfo;
  /** Pods that exist now (for "Delete all N pods"). */
  podCount: number;
  maxReplicas: number;
  runner: ActionRunner;
  askFirst: boolean;
  onAskFirstChange: (ask: boolean) => void;
}

export function ControlsPanel(props: ControlsPanelProps) {
  const { namespace, sts, runner } = props;
  return (
    <section aria-label="Controls" className="flex shrink-0 flex-wrap items-start gap-x-4 gap-y-2 border-b-2 border-slate-300 bg-slate-100 px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <ScaleControl namespace={namespace} sts={sts} maxReplicas={props.maxReplicas} runner={runner} />
      <SetWideButton
        runnerKey="delete-all" label="Delete all pods" runner={runner} disabled={props.podCount === 0}
        run={() => runner.run('delete-all', actionRequests.deleteAll(namespace, sts.name), { pending: 'Deleting all pods…', question: deleteAllQuestion(sts, props.podCount) })}
      />
      <SetWideButton
        runnerKey="restart" label="Rolling restart" runner={runner}
        run={() => runner.run('restart', actionRequests.restart(namespace, sts.name), { pending: 'Restarting…', question: restartQuestion(sts) })}
      />
      <ImageControl namespace={namespace} sts={sts} runner={runner} />
      <PartitionControl namespace={namespace} sts={sts} runner={runner} />
      <label className="ml-auto flex items-center gap-2 py-1 text-base font-semibold">
        <input type="checkbox" checked={props.askFirst} onChange={(e) => props.onAskFirstChange(e.target.checked)} className="size-5 accent-sky-700" />
        Ask before destructive actions
      </label>
    </section>
  );
}

function SetWideButton(props: { runnerKey: string; label: string; runner: ActionRunner; disabled?: boolean; run: () => Promise<boolean> }) {
  const feedback = useFeedback(props.runner.feedback, props.runnerKey);
  return (
    <Group label={props.label} feedback={feedback}>
      <Button tone="danger" disabled={props.disabled || feedback?.kind === 'pending'} onClick={() => void props.run()}>{props.label}</Button>
    </Group>
  );
}
