'use client';

// Set image: which container, which image. A rolling update follows (destructive: asks first).
// LIMIT: the topology model does not carry the template's container names yet, so the container
// is typed (the server names the containers in its error when it does not know the one typed).

import { useState } from 'react';
import type { StatefulSetInfo } from '../../lib/topology/types.ts';
import { actionRequests } from './action-client.ts';
import { Button, FIELD, Group } from './control-parts.tsx';
import { imageQuestion } from './questions.ts';
import type { ActionRunner } from './use-action-runner.ts';
import { useFeedback } from './use-feedback.ts';

export const IMAGE_KEY = 'image';

export function ImageControl({ namespace, sts, runner }: { namespace: string; sts: StatefulSetInfo; runner: ActionRunner }) {
  const [container, setContainer] = useState('');
  const [image, setImage] = useState('');
  const feedback = useFeedback(runner.feedback, IMAGE_KEY);
  const busy = feedback?.kind === 'pending';

  const submit = () => {
    const c = container.trim();
    const i = image.trim();
    if (c === '' || i === '') {
      runner.feedback.set(IMAGE_KEY, { kind: 'error', text: c === '' ? 'type the container\'s name (e.g. nginx)' : 'type an image, e.g. nginx:1.25' });
      return;
    }
    void runner.run(IMAGE_KEY, actionRequests.image(namespace, sts.name, c, i), {
      pending: `Setting ${c} to ${i}…`,
      question: imageQuestion(sts, c, i),
    });
  };

  return (
    <Group label="Set image" feedback={feedback}>
      <form className="contents" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label htmlFor="container-field" className="text-base font-bold">Container</label>
        <input id="container-field" value={container} onChange={(e) => setContainer(e.target.value)} placeholder="nginx" autoComplete="off" spellCheck={false} className={`${FIELD} w-24 font-mono`} />
        <label htmlFor="image-field" className="text-base font-bold">Image</label>
        <input id="image-field" value={image} onChange={(e) => setImage(e.target.value)} placeholder="nginx:1.25" autoComplete="off" spellCheck={false} className={`${FIELD} w-36 font-mono`} />
        <Button type="submit" tone="danger" disabled={busy}>Set image</Button>
      </form>
    </Group>
  );
}
