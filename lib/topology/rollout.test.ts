import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { rolloutStatus } from './rollout-status.ts';
import { NOW, aPod, aStatefulSet } from './testdata/builders.ts';
import { expectGolden } from './testdata/golden.ts';
import { IP, sceneInput } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';

const OLD = 'web-5c8b7d9f4';
const NEW = 'web-6f7d5c9b8';

describe('rolling update with a partition', () => {
  const sts = aStatefulSet('web').replicas(3).partition(2).revisions(OLD, NEW)
    .counts({ replicas: 3, ready: 3, current: 2, updated: 1, available: 3 }).build();
  const pods = [aPod(sts, 0).revision(OLD).ready(IP(0)).build(), aPod(sts, 1).revision(OLD).ready(IP(1)).build(), aPod(sts, 2).revision(NEW).ready(IP(2)).build()];
  const t = buildTopology(sceneInput({ statefulSet: sts, pods, services: [aService('nginx').build()] }), { now: NOW });

  it('explains which pods run the new revision and which stay', async () => {
    expect(t.explanations).toEqual([
      `rolling update: web-2 on revision ${NEW}; pods below partition 2 stay on the current revision ${OLD}`,
    ]);
    expect(t.pods.map((p) => !p.placeholder && [p.onCurrentRevision, p.onUpdateRevision])).toEqual([[true, false], [true, false], [false, true]]);
    expect(t.statefulSet).toMatchObject({ partition: 2, currentRevisionHash: '5c8b7d9f4', updateRevisionHash: '6f7d5c9b8' });
    expect(t.statefulSet.rolloutStatus).toBe('partitioned roll out complete: 1 new pods have been updated...');
    await expectGolden('rolling-update-partition', t);
  });

  it('names the pod replaced next when the partition is lowered to 0', () => {
    const p0 = aStatefulSet('web').replicas(3).revisions(OLD, NEW).counts({ replicas: 3, ready: 3, current: 2, updated: 1 }).build();
    const t0 = buildTopology(sceneInput({ statefulSet: p0, pods, services: [aService('nginx').build()] }), { now: NOW });
    expect(t0.explanations).toEqual([`rolling update: web-2 on revision ${NEW}`, 'rolling update: web-1 is replaced next']);
    expect(t0.statefulSet.rolloutStatus).toBe('Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...');
  });

  it('stalls on an updated pod that never becomes Ready (OrderedReady)', () => {
    const p0 = aStatefulSet('web').replicas(3).revisions(OLD, NEW).counts({ replicas: 3, ready: 2, current: 2, updated: 1 }).build();
    const broken = [...pods.slice(0, 2), aPod(p0, 2).revision(NEW).crashLoop(IP(2), 5).build()];
    const tb = buildTopology(sceneInput({ statefulSet: p0, pods: broken, services: [aService('nginx').build()] }), { now: NOW });
    expect(tb.explanations).toContain('rolling update waits for web-2 to be Running and Ready; an updated pod that never becomes Ready stalls the rollout until it is deleted by hand');
    expect(tb.statefulSet.rolloutStatus).toBe('Waiting for 1 pods to be ready...');
  });

  it('explains OnDelete, where pods change revision only when deleted', () => {
    const od = aStatefulSet('web').replicas(3).onDelete().revisions(OLD, NEW).counts({ replicas: 3, ready: 3 }).build();
    const to = buildTopology(sceneInput({ statefulSet: od, pods, services: [aService('nginx').build()] }), { now: NOW });
    expect(to.explanations).toEqual([`update strategy OnDelete: 1 of 3 pods run revision ${NEW}; the others move to it only when you delete them`]);
    expect(to.statefulSet.rolloutStatus).toBe('rollout status is only available for RollingUpdate strategy type');
  });
});

describe('rolloutStatus (kubectl rollout status sts)', () => {
  it('waits for the spec update to be observed', () => {
    expect(rolloutStatus(aStatefulSet('web').generation(2, 1).build())).toEqual({ message: 'Waiting for statefulset spec update to be observed...', done: false });
    expect(rolloutStatus(aStatefulSet('web').generation(1, 0).build()).message).toBe('Waiting for statefulset spec update to be observed...');
  });

  it('uses the revision messages when rollingUpdate is not set', () => {
    const sts = aStatefulSet('web').replicas(2).revisions(OLD, NEW).counts({ ready: 2, updated: 1, current: 1 }).build();
    (sts.spec as { updateStrategy: unknown }).updateStrategy = { type: 'RollingUpdate' };
    expect(rolloutStatus(sts).message).toBe(`waiting for statefulset rolling update to complete 1 pods at revision ${NEW}...`);
    const done = aStatefulSet('web').replicas(2).counts({ ready: 2, updated: 2, current: 2 }).build();
    (done.spec as { updateStrategy: unknown }).updateStrategy = { type: 'RollingUpdate' };
    expect(rolloutStatus(done)).toEqual({ message: `statefulset rolling update complete 2 pods at revision ${OLD}...`, done: true });
  });
});
