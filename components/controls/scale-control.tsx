'use client';

// Replicas: a number field with Scale, and −/+ that scale at once to the current spec.replicas ±1.
// The field follows spec.replicas (kubectl may change it) until the user edits it. Scaling down is
// destructive and asks first.

import { useState } from 'react';
import type { StatefulSetInfo } from '../../lib/topology/types.ts';
import { actionRequests } from './action-client.ts';
import { Button, FIELD, Group } from './control-parts.tsx';
import { parseReplicas } from './parse-count.ts';
import { scaleDownQuestion } from './questions.ts';
import type { ActionRunner } from './use-action-runner.ts';
import { useFeedback } from './use-feedback.ts';

export const SCALE_KEY = 'scale';

export function ScaleControl({ namespace, sts, maxReplicas, runner }: { namespace: string; sts: StatefulSetInfo; maxReplicas: number; runner: ActionRunner }) {
  const [draft, setDraft] = useState<string | null>(null);
  const feedback = useFeedback(runner.feedback, SCALE_KEY);
  const desired = sts.replicas.desired;
  const busy = feedback?.kind === 'pending';

  const scaleTo = async (n: number) => {
    const ok = await runner.run(SCALE_KEY, actionRequests.scale(namespace, sts.name, n), {
      pending: `Scaling ${sts.name} to ${n}…`,
      question: n < desired ? scaleDownQuestion(sts, n) : null,
    });
    if (ok) setDraft(null);
  };
  const submit = () => {
    const n = parseReplicas(draft ?? String(desired), maxReplicas);
    if (typeof n === 'string') runner.feedback.set(SCALE_KEY, { kind: 'error', text: n });
    else void scaleTo(n);
  };

  return (
    <Group label="Scale" feedback={feedback}>
      <form className="contents" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label htmlFor="replicas-field" className="text-base font-bold">Replicas</label>
        <Button aria-label="Scale down by one" disabled={busy || desired <= 0} onClick={() => void scaleTo(desired - 1)} className="w-10 text-xl leading-none">−</Button>
        <input
          id="replicas-field"
          type="number"
          inputMode="numeric"
          min={0}
          max={maxReplicas}
          step={1}
          value={draft ?? String(desired)}
          onChange={(e) => setDraft(e.target.value)}
          className={`${FIELD} w-16 text-center`}
        />
        <Button aria-label="Scale up by one" disabled={busy || desired >= maxReplicas} onClick={() => void scaleTo(desired + 1)} className="w-10 text-xl leading-none">+</Button>
        <Button type="submit" disabled={busy}>Scale</Button>
      </form>
    </Group>
  );
}
