// orderingVerdict on timelines shaped like the ones the recorder writes for the workshop flows.

import { describe, expect, it } from 'vitest';
import type { TimelineEntry, Transition } from '../stream/wire.ts';
import { actionText } from './action-text.ts';
import { orderingVerdict } from './verdict.ts';

/** Entries from lines like "web-0 deleted", "action Scale 2 -> 4", "event create Pod ...". */
function timeline(...lines: string[]): TimelineEntry[] {
  return lines.map((line, i) => {
    const [head, ...rest] = line.split(' ');
    if (head === 'action' || head === 'event') {
      return { seq: i + 1, at: i * 100, pod: null, ordinal: null, transition: head, text: rest.join(' '), uid: null };
    }
    const transition = rest[0] as Transition;
    return { seq: i + 1, at: i * 100, pod: head, ordinal: Number(head.split('-').pop()), transition, text: `${head} ${transition}`, uid: `${head}-uid` };
  });
}

/** The steps of a pod coming up: created through Ready. */
const up = (pod: string) => [`${pod} created`, `${pod} scheduled`, `${pod} container-creating`, `${pod} running`, `${pod} ready`];
const down = (pod: string) => [`${pod} deleted`, `${pod} gone`];

describe('orderingVerdict', () => {
  it('delete all pods under OrderedReady: recreated in ascending order, each after the previous was Ready', () => {
    const done = timeline(
      'web-0 ready', `action ${actionText.deletePods()}`,
      'web-0 deleted', 'web-1 deleted', 'web-2 deleted', 'web-0 gone', 'web-1 gone', ...up('web-0'), 'web-2 gone',
      ...up('web-1'), 'event create Pod web-1 in StatefulSet web successful', ...up('web-2'),
    );
    expect(orderingVerdict(done, 'OrderedReady')).toEqual({
      ok: true, text: 'Recreated in order web-0 -> web-1 -> web-2; each started after the previous was Ready (OrderedReady)',
    });
    // Not settled while web-2 is still on its way back.
    expect(orderingVerdict(done.slice(0, -2), 'OrderedReady')).toBeNull();
    expect(orderingVerdict(done.slice(0, done.findIndex((e) => e.pod === 'web-1' && e.transition === 'created')), 'OrderedReady')).toBeNull();
  });

  it('reports a pod created before the previous one was Ready as a violation of OrderedReady', () => {
    const entries = timeline(`action ${actionText.deletePods()}`, ...down('web-0'), ...down('web-1'), 'web-0 created', 'web-1 created', 'web-0 ready', 'web-1 ready');
    expect(orderingVerdict(entries, 'OrderedReady')).toEqual({
      ok: false, text: 'Out of order: web-1 was created before web-0 was Ready, but OrderedReady starts each pod only after the previous one is Ready',
    });
    // The same sequence is what Parallel promises.
    expect(orderingVerdict(entries, 'Parallel')).toEqual({ ok: true, text: 'Recreated web-0, web-1 at once, without waiting for one another to be Ready (Parallel)' });
  });

  it('one deleted pod comes back with the same name', () => {
    const entries = timeline(`action ${actionText.deletePod('web-1')}`, ...down('web-1'), ...up('web-1'));
    expect(orderingVerdict(entries, 'OrderedReady')).toEqual({ ok: true, text: 'Recreated web-1 with the same name (new uid); it is Ready again' });
    // Gone but in range: it will come back, so nothing is settled yet (with or without an action).
    expect(orderingVerdict(entries.slice(0, 3), 'OrderedReady')).toBeNull();
    expect(orderingVerdict(timeline(...down('web-1')), 'OrderedReady', { replicas: 3 })).toBeNull();
  });

  it('scale up under OrderedReady, from the dashboard or from kubectl', () => {
    const steps = [...up('web-2'), ...up('web-3')];
    const text = 'Scaled up in order web-2 -> web-3; each created after the previous was Ready (OrderedReady)';
    expect(orderingVerdict(timeline(`action ${actionText.scale(2, 4)}`, ...steps), 'OrderedReady')).toEqual({ ok: true, text });
    expect(orderingVerdict(timeline(...steps), 'OrderedReady')).toEqual({ ok: true, text });
    expect(orderingVerdict(timeline(`action ${actionText.scale(2, 4)}`, ...up('web-2'), 'web-3 created'), 'OrderedReady')).toBeNull();
    // Between two pods nothing is in flight, but the action asked for two.
    expect(orderingVerdict(timeline(`action ${actionText.scale(2, 4)}`, ...up('web-2')), 'OrderedReady')).toBeNull();
    const early = timeline('web-2 created', 'web-3 created', 'web-2 ready', 'web-3 ready');
    expect(orderingVerdict(early, 'OrderedReady')?.ok).toBe(false);
    expect(orderingVerdict(early, 'Parallel')).toEqual({ ok: true, text: 'Scaled up: web-2, web-3 created at once, without waiting for one another to be Ready (Parallel)' });
  });

  it('scale down under OrderedReady: highest first, each only after the higher one was gone', () => {
    const ok = timeline(`action ${actionText.scale(4, 2)}`, ...down('web-3'), 'event delete Pod web-3 in StatefulSet web successful', ...down('web-2'));
    expect(orderingVerdict(ok, 'OrderedReady')).toEqual({
      ok: true, text: 'Scaled down in order web-3 -> web-2; each removed only after the higher one was gone (OrderedReady)',
    });
    expect(orderingVerdict(ok, 'OrderedReady', { replicas: 2 })).toEqual(orderingVerdict(ok, 'OrderedReady'));
    expect(orderingVerdict(ok.slice(0, 4), 'OrderedReady')).toBeNull();
    const early = timeline(`action ${actionText.scale(4, 2)}`, 'web-3 deleted', 'web-2 deleted', 'web-3 gone', 'web-2 gone');
    expect(orderingVerdict(early, 'OrderedReady')).toEqual({
      ok: false, text: 'Out of order: web-2 was deleted before web-3 was gone, but OrderedReady removes the highest ordinal first, one pod at a time',
    });
    expect(orderingVerdict(early, 'Parallel')).toEqual({ ok: true, text: 'Scaled down: web-3, web-2 removed at once, without waiting for one another (Parallel)' });
  });

  it('rolling update: from the highest ordinal, each replaced after the one above was Ready again', () => {
    const ok = timeline(`action ${actionText.image('nginx', 'nginx:1.25')}`, ...down('web-2'), ...up('web-2'), ...down('web-1'), ...up('web-1'), ...down('web-0'), ...up('web-0'));
    const text = 'Rolling update from the top: web-2 -> web-1 -> web-0; each replaced after the one above was Ready again';
    expect(orderingVerdict(ok, 'OrderedReady')).toEqual({ ok: true, text });
    // Parallel changes nothing for updates; kubectl (no action entry) is recognised by the interleaving.
    expect(orderingVerdict(ok, 'Parallel')).toEqual({ ok: true, text });
    expect(orderingVerdict(ok.slice(1), 'OrderedReady')).toEqual({ ok: true, text });
    const rushed = timeline(`action ${actionText.restart()}`, ...down('web-2'), 'web-2 created', 'web-1 deleted', 'web-2 ready', 'web-1 gone', ...up('web-1'));
    expect(orderingVerdict(rushed, 'OrderedReady')).toEqual({
      ok: false, text: 'Out of order: web-1 was deleted before web-2 was Ready again, but a rolling update replaces one pod at a time from the highest ordinal',
    });
  });

  it('judges only what follows the last action, and nothing when there is nothing to judge', () => {
    expect(orderingVerdict([], 'OrderedReady')).toBeNull();
    expect(orderingVerdict(timeline(...up('web-2'), `action ${actionText.partition(0, 2)}`), 'OrderedReady')).toBeNull();
    expect(orderingVerdict(timeline(...up('web-2'), `action ${actionText.scale(3, 4)}`, ...up('web-3')), 'OrderedReady')?.text).toBe('Scaled up: web-3 created and Ready (OrderedReady)');
    // A scale up mixed with a re-creation is not judged.
    expect(orderingVerdict(timeline(...down('web-0'), ...up('web-0'), ...up('web-3')), 'OrderedReady')).toBeNull();
  });
});
