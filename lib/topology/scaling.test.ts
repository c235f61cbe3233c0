import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { NOW, aPod, aStatefulSet } from './testdata/builders.ts';
import { expectGolden } from './testdata/golden.ts';
import { IP, boundStorage, sceneInput } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';
import { aClaim } from './testdata/storage-builders.ts';
import type { PodSlot } from './types.ts';

const nginx = () => aService('nginx').build();

function noteOf(slot: PodSlot | undefined): string | null {
  if (!slot || slot.placeholder) throw new Error('expected a pod');
  return slot.note;
}

describe('ordered creation (OrderedReady)', () => {
  const sts = aStatefulSet('web').replicas(3).withClaimTemplate('www').counts({ replicas: 1 }).build();
  const t = buildTopology(sceneInput({
    statefulSet: sts,
    pods: [aPod(sts, 0).containerCreating().build()],
    services: [nginx()],
    pvcs: [aClaim('www-web-0').build()],
  }), { now: NOW });

  it('shows web-1 as a placeholder waiting for web-0 while web-0 is ContainerCreating', async () => {
    expect(t.pods.map((p) => (p.placeholder ? `${p.name}: ${p.reason}` : `${p.name} ${p.kubectl.status}`))).toEqual([
      'web-0 ContainerCreating',
      'web-1: waiting for web-0 to be Running and Ready (OrderedReady)',
      'web-2: waiting for web-0 to be Running and Ready (OrderedReady)',
    ]);
    expect(t.explanations).toContain('web-1, web-2 not created yet: OrderedReady waits for web-0 to be Running and Ready');
    expect(t.statefulSet.rolloutStatus).toBe('Waiting for 3 pods to be ready...');
    await expectGolden('ordered-creation', t);
  });

  it('keeps placeholder and claim nodes so nothing moves when pods appear', () => {
    expect(t.nodes.filter((n) => n.ghost).map((n) => n.id)).toEqual([
      'Pod/default/web-1', 'Pod/default/web-2', 'PersistentVolumeClaim/default/www-web-1', 'PersistentVolumeClaim/default/www-web-2',
    ]);
    expect(t.claims[1]).toMatchObject({ exists: false, reason: 'PVC www-web-1 is created just before web-1', warnings: [] });
  });

  it('names the first unhealthy lower ordinal, e.g. web-2 waits for web-1', () => {
    const t2 = buildTopology(sceneInput({
      statefulSet: sts,
      pods: [aPod(sts, 0).ready(IP(0)).build(), aPod(sts, 1).running(IP(1)).build()],
      services: [nginx()],
    }), { now: NOW });
    expect(t2.pods[2]).toMatchObject({ placeholder: true, reason: 'waiting for web-1 to be Running and Ready (OrderedReady)', blockedBy: 'web-1' });
    expect(t2.explanations).toContain('web-2 not created yet: OrderedReady waits for web-1 to be Running and Ready');
  });

  it('waits for minReadySeconds as well', () => {
    const slow = aStatefulSet('web').replicas(2).minReadySeconds(600).build();
    const t2 = buildTopology(sceneInput({ statefulSet: slow, pods: [aPod(slow, 0).ready(IP(0)).build()], services: [nginx()] }), { now: NOW });
    expect(t2.pods[1]).toMatchObject({ placeholder: true, reason: 'waiting for web-0 to be Ready for minReadySeconds (600s) (OrderedReady)' });
  });

  it('says the next pod is being created once every lower pod is healthy', () => {
    const t2 = buildTopology(sceneInput({ statefulSet: sts, pods: [aPod(sts, 0).ready(IP(0)).build()], services: [nginx()] }), { now: NOW });
    expect(t2.pods[1]).toMatchObject({ placeholder: true, reason: 'web-1 is being created', blockedBy: null });
    expect(t2.pods[2]).toMatchObject({ reason: 'waiting for web-1 to be Running and Ready (OrderedReady)' });
  });

  it('waits for a PVC that is being deleted', () => {
    const t2 = buildTopology(sceneInput({
      statefulSet: sts, pods: [aPod(sts, 0).ready(IP(0)).build()], services: [nginx()],
      pvcs: [aClaim('www-web-1').terminating().build()],
    }), { now: NOW });
    expect(t2.pods[1]).toMatchObject({ reason: 'PVC www-web-1 is being deleted; web-1 is created once it is gone' });
  });
});

describe('Parallel pod management', () => {
  it('does not wait for lower ordinals', () => {
    const sts = aStatefulSet('web').replicas(3).parallel().build();
    const t = buildTopology(sceneInput({ statefulSet: sts, pods: [aPod(sts, 0).containerCreating().build()], services: [nginx()] }), { now: NOW });
    expect(t.pods.slice(1).map((p) => p.placeholder && p.reason)).toEqual(['web-1 is being created', 'web-2 is being created']);
  });
});

describe('scale-down', () => {
  it('pauses while the highest condemned pod is still terminating (4 -> 2)', async () => {
    const sts = aStatefulSet('web').replicas(2).withClaimTemplate('www').counts({ replicas: 4, ready: 4 }).build();
    const t = buildTopology(sceneInput({
      statefulSet: sts,
      pods: [0, 1, 2].map((o) => aPod(sts, o).ready(IP(o)).build()).concat(aPod(sts, 3).ready(IP(3)).terminating().build()),
      services: [nginx()],
      ...boundStorage('web', [0, 1, 2, 3]),
    }), { now: NOW });
    expect(t.pods.map((p) => [p.name, p.condemned])).toEqual([['web-0', false], ['web-1', false], ['web-2', true], ['web-3', true]]);
    expect(noteOf(t.pods[3])).toBe('web-3 is terminating (scale-down)');
    expect(noteOf(t.pods[2])).toBe('waits until web-3 is gone (scale-down removes the highest ordinal first)');
    expect(t.explanations).toContain('scale-down paused: web-3 is still terminating');
    expect(t.claims[3]).toMatchObject({ retained: false, reason: 'PVC www-web-3 is kept after web-3 is deleted (whenScaled: Retain)' });
    await expectGolden('scale-down-terminating', t);
  });

  it('names the pod deleted next', () => {
    const sts = aStatefulSet('web').replicas(1).build();
    const t = buildTopology(sceneInput({ statefulSet: sts, pods: [0, 1].map((o) => aPod(sts, o).ready(IP(o)).build()), services: [nginx()] }), { now: NOW });
    expect(noteOf(t.pods[1])).toBe('web-1 is deleted next (scale-down)');
    expect(t.explanations).toEqual(['scale-down: web-1 is deleted next']);
  });

  it('is held up by an unhealthy replica under OrderedReady', () => {
    const sts = aStatefulSet('web').replicas(2).build();
    const t = buildTopology(sceneInput({
      statefulSet: sts,
      pods: [aPod(sts, 0).ready(IP(0)).build(), aPod(sts, 1).crashLoop(IP(1), 4).build(), aPod(sts, 2).ready(IP(2)).build()],
      services: [nginx()],
    }), { now: NOW });
    expect(noteOf(t.pods[2])).toBe('scale-down waits for web-1 to be Running and Ready (OrderedReady)');
    expect(t.explanations).toContain('scale-down paused: OrderedReady waits for web-1 to be Running and Ready');
    expect(t.nodes.find((n) => n.id === 'Pod/default/web-1')).toMatchObject({ status: 'CrashLoopBackOff', warning: true });
  });

  it('lists condemned pods below ordinals.start too', () => {
    const sts = aStatefulSet('web').replicas(1).ordinalsStart(1).build();
    const t = buildTopology(sceneInput({ statefulSet: sts, pods: [0, 1].map((o) => aPod(sts, o).ready(IP(o)).build()), services: [nginx()] }), { now: NOW });
    expect(t.pods.map((p) => [p.name, p.condemned])).toEqual([['web-0', true], ['web-1', false]]);
  });
});

describe('pods that are not ours', () => {
  it('ignores pods owned by another controller and pods of a set with a longer name', () => {
    const sts = aStatefulSet('web').replicas(1).build();
    const foreign = aPod(sts, 0).build();
    foreign.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'other-uid', controller: true }];
    const other = aPod(aStatefulSet('web-x').build(), 0).build();
    const t = buildTopology(sceneInput({ statefulSet: sts, pods: [foreign, other], services: [nginx()] }), { now: NOW });
    expect(t.pods.map((p) => [p.name, p.placeholder])).toEqual([['web-0', true]]);
  });

  it('includes an orphan the controller would adopt, without an owns edge', () => {
    const sts = aStatefulSet('web').replicas(1).build();
    const orphan = aPod(sts, 0).ready(IP(0)).build();
    orphan.metadata.ownerReferences = [];
    const t = buildTopology(sceneInput({ statefulSet: sts, pods: [orphan], services: [nginx()] }), { now: NOW });
    expect(t.pods[0].placeholder).toBe(false);
    expect(t.edges.filter((e) => e.label === 'owns')).toEqual([]);
  });
});
