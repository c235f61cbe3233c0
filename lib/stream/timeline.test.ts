// The timeline recorder on models built from fixture objects: what each pod change records, the
// order inside one observation, events deduplicated by uid and count, the baseline rule, the bound.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { buildTopology } from '../topology/build-topology.ts';
import { aPod, aStatefulSet, NOW } from '../topology/testdata/builders.ts';
import { sceneInput } from '../topology/testdata/scenarios.ts';
import type { Topology } from '../topology/types.ts';
import { TimelineLog } from './timeline-recorder.ts';
import type { TimelineEntry } from './wire.ts';

const sts = (replicas: number) => aStatefulSet('web').replicas(replicas).build();
const model = (set: KubeObject, pods: KubeObject[]): Topology => buildTopology(sceneInput({ statefulSet: set, pods }), { now: NOW });
const ip = (o: number) => `10.244.1.${10 + o}`;
const readyPod = (set: KubeObject, o: number, uid?: string) => aPod(set, o).uid(uid ?? `uid-web-${o}`).ready(ip(o)).build();
const brief = (es: TimelineEntry[]) => es.map((e) => `${e.pod ?? '-'} ${e.transition}`);

function event(name: string, message: string, opts: { count?: number; uid?: string; about?: string; aboutUid?: string; last?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', uid: opts.uid ?? `uid-${name}` },
    involvedObject: { kind: 'StatefulSet', name: opts.about ?? 'web', namespace: 'default', uid: opts.aboutUid ?? 'uid-sts-web' },
    reason: 'SuccessfulCreate', message, type: 'Normal', count: opts.count ?? 1, lastTimestamp: opts.last ?? '2026-01-01T00:01:00Z',
  };
}

/** A recorder that has seen `set` running with `pods` (the baseline). */
function running(set: KubeObject, pods: KubeObject[], events: KubeObject[] = []): TimelineLog {
  const log = new TimelineLog();
  expect(log.observe(null, model(set, pods), 1000, events)).toEqual([]);
  return log;
}

describe('TimelineLog', () => {
  it('records a deleted pod coming back: deleted, gone, re-created with a new uid, then each step to Ready', () => {
    const set = sts(1);
    const log = running(set, [readyPod(set, 0)]);
    const steps = [
      [aPod(set, 0).ready(ip(0)).terminating().build()],
      [],
      [aPod(set, 0).uid('uid-new').build()],
      [aPod(set, 0).uid('uid-new').scheduled('node-2').build()],
      [aPod(set, 0).uid('uid-new').containerCreating('node-2').build()],
      [aPod(set, 0).uid('uid-new').running('10.244.1.99', 'node-2').build()],
      [aPod(set, 0).uid('uid-new').ready('10.244.1.99', 'node-2').build()],
    ];
    const out = steps.flatMap((pods, i) => log.observe(null, model(set, pods), 2000 + i, []));
    expect(out.map((e) => [e.seq, e.at, e.pod, e.ordinal, e.transition, e.text, e.uid])).toEqual([
      [1, 2000, 'web-0', 0, 'deleted', 'web-0 deleted: Terminating', 'uid-web-0'],
      [2, 2001, 'web-0', 0, 'gone', 'web-0 gone', 'uid-web-0'],
      [3, 2002, 'web-0', 0, 'created', 'web-0 re-created with the same name (new uid)', 'uid-new'],
      [4, 2003, 'web-0', 0, 'scheduled', 'web-0 scheduled to node-2', 'uid-new'],
      [5, 2004, 'web-0', 0, 'container-creating', 'web-0 ContainerCreating', 'uid-new'],
      [6, 2005, 'web-0', 0, 'running', 'web-0 Running (10.244.1.99)', 'uid-new'],
      [7, 2006, 'web-0', 0, 'ready', 'web-0 became Ready (10.244.1.99)', 'uid-new'],
    ]);
    expect(log.entries()).toEqual(out);
  });

  it('records nothing when the same state is observed again (informer relist, re-opened stream)', () => {
    const set = sts(2);
    const pods = [readyPod(set, 0), aPod(set, 1).running(ip(1)).build()];
    const events = [event('web.1', 'create Pod web-1 in StatefulSet web successful')];
    const log = running(set, [readyPod(set, 0)]);
    expect(brief(log.observe(null, model(set, pods), 2000, events))).toEqual(['web-1 created', 'web-1 scheduled', 'web-1 running', '- event']);
    // The model handed in is irrelevant: the recorder compares with its own memory.
    expect(log.observe(null, model(set, pods), 3000, events)).toEqual([]);
    expect(log.observe(model(set, []), model(set, pods), 4000, [...events].reverse())).toEqual([]);
    expect(log.entries()).toHaveLength(4);
  });

  it('a pod replaced between two observations is recorded gone and created, never silently', () => {
    const set = sts(1);
    const log = running(set, [readyPod(set, 0)]);
    expect(brief(log.observe(null, model(set, [readyPod(set, 0, 'uid-2')]), 2000, []))).toEqual([
      'web-0 gone', 'web-0 created', 'web-0 scheduled', 'web-0 running', 'web-0 ready',
    ]);
  });

  it('orders one observation as the controller causes it: Ready before the next create, gone before the next delete', () => {
    const set = sts(3);
    // OrderedReady scale up: web-1 became Ready and web-2 was created in the same rebuild.
    let log = running(set, [readyPod(set, 0), aPod(set, 1).running(ip(1)).build()]);
    expect(brief(log.observe(null, model(set, [readyPod(set, 0), readyPod(set, 1), aPod(set, 2).build()]), 2000, []))).toEqual(['web-1 ready', 'web-2 created']);
    // Scale down 4 -> 2: web-3 went away and web-2 started terminating in the same rebuild.
    const four = sts(2);
    log = running(four, [0, 1, 2].map((o) => readyPod(four, o)).concat(aPod(four, 3).ready(ip(3)).terminating().build()));
    expect(brief(log.observe(null, model(four, [readyPod(four, 0), readyPod(four, 1), aPod(four, 2).ready(ip(2)).terminating().build()]), 2000, []))).toEqual(['web-3 gone', 'web-2 deleted']);
    // Rolling update: the new web-2 became Ready and the old web-1 was deleted.
    log = running(set, [readyPod(set, 0), readyPod(set, 1), aPod(set, 2).uid('new-2').running(ip(2)).build()]);
    expect(brief(log.observe(null, model(set, [readyPod(set, 0), aPod(set, 1).ready(ip(1)).terminating().build(), readyPod(set, 2, 'new-2')]), 2000, []))).toEqual(['web-2 ready', 'web-1 deleted']);
    const two = sts(2);
    // The user deleted web-1 while web-0 came back: nothing above web-1 explains it, so it is first.
    log = running(two, [aPod(two, 0).ready(ip(0)).terminating().build(), readyPod(two, 1)]);
    expect(brief(log.observe(null, model(two, [aPod(two, 0).uid('n0').build(), aPod(two, 1).ready(ip(1)).terminating().build()]), 2000, []))).toEqual([
      'web-1 deleted', 'web-0 gone', 'web-0 created',
    ]);
    // Delete-all recreation seen in one rebuild: web-0 back and Ready before web-1 is created.
    log = running(two, [aPod(two, 0).ready(ip(0)).terminating().build(), aPod(two, 1).ready(ip(1)).terminating().build()]);
    expect(brief(log.observe(null, model(two, [readyPod(two, 0, 'n0'), aPod(two, 1).uid('n1').build()]), 2000, []))).toEqual([
      'web-1 gone', 'web-0 gone', 'web-0 created', 'web-0 scheduled', 'web-0 running', 'web-0 ready', 'web-1 created',
    ]);
  });

  it('records not-ready, failed and succeeded, but not the Ready drop of a terminating pod', () => {
    const set = sts(1);
    let log = running(set, [readyPod(set, 0)]);
    expect(brief(log.observe(null, model(set, [aPod(set, 0).running(ip(0)).build()]), 2000, []))).toEqual(['web-0 not-ready']);
    expect(brief(log.observe(null, model(set, [aPod(set, 0).running(ip(0)).failed().build()]), 3000, []))).toEqual(['web-0 failed']);
    log = running(set, [readyPod(set, 0)]);
    expect(brief(log.observe(null, model(set, [aPod(set, 0).running(ip(0)).terminating().build()]), 2000, []))).toEqual(['web-0 deleted']);
  });

  it('records the set’s events once per uid and count, ignoring other sets and earlier incarnations', () => {
    const set = sts(1);
    const old = event('web.0', 'old news');
    const log = running(set, [readyPod(set, 0)], [old]);
    const created = event('web.1', 'create Pod web-0 in StatefulSet web successful', { last: '2026-01-01T00:02:00Z' });
    const other = event('db.1', 'create Pod db-0 in StatefulSet db successful', { about: 'db' });
    const stale = event('web.2', 'from a deleted set of the same name', { aboutUid: 'uid-previous' });
    const warning = { ...event('web.3', 'create Pod web-1 in StatefulSet web failed error: quota', { last: '2026-01-01T00:01:30Z' }), type: 'Warning', reason: 'FailedCreate' };
    const pods = [readyPod(set, 0)];
    const first = log.observe(null, model(set, pods), 2000, [old, created, other, stale, warning]);
    expect(first.map((e) => [e.transition, e.text, e.pod])).toEqual([
      ['event', 'create Pod web-1 in StatefulSet web failed error: quota', null],
      ['event', 'create Pod web-0 in StatefulSet web successful', null],
    ]);
    expect(log.observe(null, model(set, pods), 3000, [old, created, warning])).toEqual([]);
    const again = log.observe(null, model(set, pods), 4000, [old, created, { ...warning, count: 2 }]);
    expect(again.map((e) => e.text)).toEqual(['create Pod web-1 in StatefulSet web failed error: quota']);
  });

  it('records none of 2,500 listed events twice (a 1,000-pod set has 2,000 creation events), and forgets unlisted ones', () => {
    const set = sts(1);
    const pods = [readyPod(set, 0)];
    const many = Array.from({ length: 2_500 }, (_, i) => event(`web.${String(i).padStart(4, '0')}`, `create Pod web-${i} in StatefulSet web successful`));
    const log = running(set, pods, many);
    for (let t = 2000; t < 5000; t += 1000) expect(log.observe(null, model(set, pods), t, many)).toEqual([]);
    const fresh = event('web.new', 'create Claim www-web-7 Pod web-7 in StatefulSet web success');
    expect(log.observe(null, model(set, pods), 5000, [...many, fresh]).map((e) => e.text)).toEqual([fresh.message]);
    // Once they are gone (the cluster's event TTL), the oldest are forgotten down to 2,000.
    expect(log.observe(null, model(set, pods), 6000, [fresh])).toEqual([]);
    expect(log.observe(null, model(set, pods), 7000, [fresh, ...many.slice(600, 610)])).toEqual([]);
    expect(log.observe(null, model(set, pods), 8000, [fresh, ...many.slice(0, 10)])).toHaveLength(10);
  });

  it('records everything for a set first seen absent (page opened before `kubectl create`)', () => {
    const set = sts(1);
    const log = new TimelineLog();
    expect(log.observe(null, null, 1000)).toEqual([]);
    expect(brief(log.observe(null, model(set, [aPod(set, 0).build()]), 2000, [event('web.1', 'create Pod web-0 in StatefulSet web successful')]))).toEqual(['web-0 created', '- event']);
  });

  it('numbers actions with the pod entries and keeps only the last 500', () => {
    const set = sts(1);
    const log = new TimelineLog({ limit: 500 });
    log.observe(null, model(set, [readyPod(set, 0)]), 0, []);
    expect(log.recordAction('Scale 1 -> 2', 5)).toEqual([{ seq: 1, at: 5, pod: null, ordinal: null, transition: 'action', text: 'Scale 1 -> 2', uid: null }]);
    for (let i = 0; i < 300; i++) {
      log.observe(null, model(set, [aPod(set, 0).running(ip(0)).build()]), 10 + i, []);
      log.observe(null, model(set, [readyPod(set, 0)]), 10 + i, []);
    }
    const all = log.entries();
    expect(all).toHaveLength(500);
    expect(all[499].seq).toBe(601);
    expect(all.every((e, i) => i === 0 || e.seq === all[i - 1].seq + 1)).toBe(true);
  });
});
