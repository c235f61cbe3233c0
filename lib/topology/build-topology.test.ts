import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { NOW, aPod, aStatefulSet } from './testdata/builders.ts';
import { expectGolden } from './testdata/golden.ts';
import { IP, boundStorage, sceneInput, seededScene } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';
import type { PodInfo, PodSlot } from './types.ts';

function real(slot: PodSlot | undefined): PodInfo {
  if (!slot || slot.placeholder) throw new Error(`expected a pod, got ${JSON.stringify(slot)}`);
  return slot;
}

describe('buildTopology: the seeded web/nginx set', () => {
  const topology = buildTopology(sceneInput(seededScene()), { now: NOW });

  it('matches the golden model', async () => {
    await expectGolden('seeded-web', topology);
  });

  it('shows the set as kubectl does', () => {
    expect(topology.statefulSet.ready).toBe('2/2');
    expect(topology.statefulSet.rolloutStatus).toBe('partitioned roll out complete: 2 new pods have been updated...');
    expect(topology.statefulSet.replicas).toEqual({ desired: 2, current: 2, ready: 2, updated: 2, available: 2, onCurrentRevision: 2 });
  });

  it('gives each pod its published DNS name, and the Service name resolves to both IPs', () => {
    const web0 = real(topology.pods[0]);
    expect(web0.dnsName).toBe('web-0.nginx.default.svc.cluster.local');
    expect(web0.dnsPublished).toBe(true);
    expect(web0.kubectl).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(topology.service?.lookup).toEqual([IP(0), IP(1)]);
    expect(topology.service?.warnings).toEqual([]);
  });

  it('links the objects with the named relations', () => {
    const labels = topology.edges.map((e) => `${e.label} ${e.source} -> ${e.target}`);
    expect(labels).toEqual([
      'serviceName StatefulSet/default/web -> Service/default/nginx',
      'owns StatefulSet/default/web -> Pod/default/web-0',
      'owns StatefulSet/default/web -> Pod/default/web-1',
      'selects Service/default/nginx -> Pod/default/web-0',
      'selects Service/default/nginx -> Pod/default/web-1',
      'mounts Pod/default/web-0 -> PersistentVolumeClaim/default/www-web-0',
      'mounts Pod/default/web-1 -> PersistentVolumeClaim/default/www-web-1',
      'bound PersistentVolumeClaim/default/www-web-0 -> PersistentVolume/pvc-00000000-www',
      'bound PersistentVolumeClaim/default/www-web-1 -> PersistentVolume/pvc-00000001-www',
    ]);
  });

  it('has nothing to explain when everything is healthy', () => {
    expect(topology.explanations).toEqual([]);
  });

  it('uses the cluster domain it is given', () => {
    const t = buildTopology(sceneInput(seededScene()), { now: NOW, clusterDomain: 'example.internal' });
    expect(t.pods[1].dnsName).toBe('web-1.nginx.default.svc.example.internal');
    expect(t.service?.dnsName).toBe('nginx.default.svc.example.internal');
  });
});

describe('buildTopology: ordinals', () => {
  it('orders 12 replicas numerically (web-2 before web-10)', async () => {
    const sts = aStatefulSet('web').replicas(12).withClaimTemplate('www').counts({ replicas: 12, ready: 12 }).build();
    const ordinals = Array.from({ length: 12 }, (_, i) => i);
    // Listed in string order on purpose, as an API server returns them.
    const pods = ordinals.map((o) => aPod(sts, o).ready(`10.244.1.${o + 10}`).build())
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const t = buildTopology(sceneInput({ statefulSet: sts, pods, services: [aService('nginx').build()], ...boundStorage('web', ordinals) }), { now: NOW });
    expect(t.pods.map((p) => p.name)).toEqual(ordinals.map((o) => `web-${o}`));
    expect(t.claims.map((c) => c.name)).toEqual(ordinals.map((o) => `www-web-${o}`));
    expect(t.service?.lookup.slice(0, 3)).toEqual(['10.244.1.10', '10.244.1.11', '10.244.1.12']);
    await expectGolden('twelve-replicas', t);
  });

  it('respects ordinals.start: replicas 3 from start 2 are web-2..web-4', async () => {
    const sts = aStatefulSet('web').replicas(3).ordinalsStart(2).counts({ replicas: 2, ready: 1 }).build();
    const pods = [aPod(sts, 2).ready(IP(2)).build(), aPod(sts, 3).containerCreating().build()];
    const t = buildTopology(sceneInput({ statefulSet: sts, pods, services: [aService('nginx').build()] }), { now: NOW });
    expect(t.statefulSet.ordinalsStart).toBe(2);
    expect(t.pods.map((p) => [p.name, p.placeholder, p.condemned])).toEqual([
      ['web-2', false, false], ['web-3', false, false], ['web-4', true, false],
    ]);
    expect(t.pods[2]).toMatchObject({ placeholder: true, reason: 'waiting for web-3 to be Running and Ready (OrderedReady)', blockedBy: 'web-3' });
    await expectGolden('ordinals-start', t);
  });
});

describe('buildTopology: a pod recreated with a new IP', () => {
  const scene = seededScene();
  const sts = scene.statefulSet;
  const before = buildTopology(sceneInput(scene), { now: NOW });
  // kubectl delete pod web-1: Terminating, then gone, then back with a new uid and a new IP.
  const terminating = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0], aPod(sts, 1).ready(IP(1)).terminating().build()] }), previous: before }, { now: NOW });
  const gone = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0]] }), previous: terminating }, { now: NOW });
  const pending = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0], aPod(sts, 1).uid('uid-web-1-b').build()] }), previous: gone }, { now: NOW });
  const back = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0], aPod(sts, 1).uid('uid-web-1-b').ready('10.244.1.99').build()] }), previous: pending }, { now: NOW });

  it('says the terminating pod comes back', () => {
    expect(real(terminating.pods[1]).note).toBe('web-1 is terminating; it is recreated once gone');
    expect(terminating.explanations).toContain('web-1 is terminating; it is recreated once gone');
    expect(terminating.pods[1]).toMatchObject({ dnsPublished: false, dnsReason: 'web-1 is terminating, so it is not published' });
  });

  it('keeps the slot while the pod is gone, remembering the old incarnation', () => {
    expect(gone.pods[1]).toMatchObject({ placeholder: true, id: 'Pod/default/web-1', lastSeen: { uid: 'uid-web-1', podIP: IP(1) } });
    expect(gone.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
  });

  it('marks the new incarnation recreated and shows the previous IP', async () => {
    expect(real(pending.pods[1])).toMatchObject({ recreated: true, recreateCount: 1, previousIP: IP(1), podIP: null });
    expect(real(back.pods[1])).toMatchObject({ recreated: true, recreateCount: 1, previousIP: IP(1), podIP: '10.244.1.99', uid: 'uid-web-1-b' });
    expect(real(back.pods[0])).toMatchObject({ recreated: false, recreateCount: 0, previousIP: null });
    await expectGolden('recreated', back);
  });

  it('detects a replacement even when the gap was never observed', () => {
    const direct = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0], aPod(sts, 1).uid('uid-web-1-c').ready('10.244.1.77').build()] }), previous: before }, { now: NOW });
    expect(real(direct.pods[1])).toMatchObject({ recreated: true, recreateCount: 1, previousIP: IP(1) });
  });

  it('keeps no previous IP when the new incarnation got the same IP', () => {
    const same = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0], aPod(sts, 1).uid('uid-web-1-b').ready(IP(1)).build()] }), previous: gone }, { now: NOW });
    expect(real(same.pods[1])).toMatchObject({ recreated: true, previousIP: null });
  });
});

describe('buildTopology: memory is per set', () => {
  it('ignores a previous topology of another StatefulSet', () => {
    const scene = seededScene();
    const before = buildTopology(sceneInput(scene), { now: NOW });
    const otherNs = { ...before, statefulSet: { ...before.statefulSet, id: 'StatefulSet/prod/web' } };
    const pods = [scene.pods![0], aPod(scene.statefulSet, 1).uid('uid-web-1-b').ready('10.244.1.99').build()];
    const input = sceneInput({ ...scene, pods });
    expect(real(buildTopology({ ...input, previous: before }, { now: NOW }).pods[1]).recreated).toBe(true);
    expect(real(buildTopology({ ...input, previous: otherNs }, { now: NOW }).pods[1])).toMatchObject({ recreated: false, previousIP: null });
  });
});
