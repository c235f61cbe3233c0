// Workshop lesson 1 (workshop-flows.md), typed into kubectl against the embedded cluster and
// checked from what kubectl prints: OrderedReady creates web-1 only after web-0 is Running and
// Ready. Real clock at speed 10, so each pod takes about 0.2 s from Pending to 1/1 Running.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold, HAS_KUBECTL, indexOf, lifecycleOf, LIFECYCLE, parseTable, startLessonSession, WEB_YAML, type LessonSession } from './lessons-kubectl.ts';


describe.skipIf(!HAS_KUBECTL)('lesson 1: ordered creation, as kubectl shows it', () => {
  let s: LessonSession;
  beforeAll(async () => { s = await startLessonSession({ speed: 10 }); });
  afterAll(async () => { await s?.close(); });

  it('kubectl get pods -w: web-1 appears only after web-0 is 1/1 Running; get sts goes 1/2 then 2/2', async () => {
    const pods = await s.watch('get', 'pods', '-w', '-l', 'app=nginx');
    const sets = await s.watch('get', 'sts', '-w');

    expect(await s.ok('create', '-f', WEB_YAML)).toBe('service/nginx created\nstatefulset.apps/web created\n');
    await pods.until((r) => r.some((x) => x.name === 'web-1' && x.ready === '1/1'), 'web-1 1/1 Running');
    await sets.until((r) => r.some((x) => x.ready === '2/2'), 'web 2/2');

    const rows = pods.rows();
    const web0Ready = indexOf(rows, (r) => r.name === 'web-0' && r.ready === '1/1' && r.status === 'Running');
    const web1First = indexOf(rows, (r) => r.name === 'web-1');
    expect(web0Ready, pods.text()).toBeGreaterThanOrEqual(0);
    expect(web1First, pods.text()).toBeGreaterThan(web0Ready);
    expect(rows[web1First]).toMatchObject({ ready: '0/1', status: 'Pending' });
    // Each pod goes the whole way, in this order, with nothing else in between.
    expect(lifecycleOf(rows, 'web-0')).toEqual(LIFECYCLE);
    expect(lifecycleOf(rows, 'web-1')).toEqual(LIFECYCLE);

    // READY of the StatefulSet, as `kubectl get sts -w` printed it over time.
    const ready = fold(sets.rows().filter((r) => r.name === 'web').map((r) => r.ready));
    expect(ready, sets.text()).toEqual(['0/2', '1/2', '2/2']);
    const now = parseTable(await s.ok('get', 'sts', 'web'));
    expect(now).toMatchObject([{ NAME: 'web', READY: '2/2' }]);
  });

  it('kubectl describe sts web lists the claim and pod creations of web-0 before those of web-1', async () => {
    const d = await s.ok('describe', 'sts', 'web');
    const events = d.slice(d.indexOf('\nEvents:'));
    const order = [
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
    ];
    const at = order.map((m) => events.indexOf(`${m}\n`));
    expect(at.every((i) => i > 0), events).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(events).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+statefulset-controller\s+create Pod web-0 in StatefulSet web successful/);
  });
});
