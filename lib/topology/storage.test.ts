import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { NOW, aPod, aStatefulSet } from './testdata/builders.ts';
import { expectGolden } from './testdata/golden.ts';
import { IP, boundStorage, sceneInput, seededScene } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';
import { aClaim, aStorageClass } from './testdata/storage-builders.ts';

describe('PVCs kept after scale-down (4 -> 2)', () => {
  const sts = aStatefulSet('web').replicas(2).withClaimTemplate('www').counts({ replicas: 2, ready: 2 }).build();
  const scene = {
    statefulSet: sts,
    pods: [0, 1].map((o) => aPod(sts, o).ready(IP(o)).build()),
    services: [aService('nginx').build()],
    ...boundStorage('web', [0, 1, 2, 3]),
  };

  it('marks www-web-2 and www-web-3 retained and explains they come back', async () => {
    const t = buildTopology(sceneInput(scene), { now: NOW });
    expect(t.claims.map((c) => [c.name, c.retained])).toEqual([
      ['www-web-0', false], ['www-web-1', false], ['www-web-2', true], ['www-web-3', true],
    ]);
    expect(t.explanations).toEqual([
      'PVC www-web-2 kept after scale-down (whenScaled: Retain); it will be reattached when web-2 returns',
      'PVC www-web-3 kept after scale-down (whenScaled: Retain); it will be reattached when web-3 returns',
    ]);
    // Their nodes stay in the graph (bound to their PVs), with no pod above them.
    expect(t.nodes.filter((n) => n.ordinal === 3).map((n) => n.id)).toEqual([
      'PersistentVolumeClaim/default/www-web-3', 'PersistentVolume/pvc-00000003-www',
    ]);
    expect(t.pods.map((p) => p.name)).toEqual(['web-0', 'web-1']);
    await expectGolden('pvc-retained', t);
  });

  it("ignores claims of other sets whose names share the prefix (www-web-x-0)", () => {
    const t = buildTopology(sceneInput({ ...scene, pvcs: [...scene.pvcs, aClaim('www-web-x-0').build(), aClaim('www-web-01').build()] }), { now: NOW });
    expect(t.claims.map((c) => c.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3']);
  });

  it('does not call them retained under whenScaled: Delete', () => {
    const del = aStatefulSet('web').replicas(2).withClaimTemplate('www').whenScaled('Delete').build();
    const t = buildTopology(sceneInput({ ...scene, statefulSet: del }), { now: NOW });
    expect(t.claims[3]).toMatchObject({ retained: false, reason: 'PVC www-web-3 is deleted after scale-down (whenScaled: Delete)' });
  });
});

describe('PVC Pending', () => {
  // The redis example: a claim template asking for StorageClass nfs-client, which does not exist.
  const sts = aStatefulSet('redis-pv-sts').replicas(2).serviceName('redis-pv-svc')
    .withClaimTemplate('redis-100m-pvc', { storage: '100Mi', accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client' })
    .counts({ replicas: 1 }).build();
  const pvc = aClaim('redis-100m-pvc-redis-pv-sts-0').storageClass('nfs-client').accessModes(['ReadWriteMany']).size('100Mi').build();
  const scene = { statefulSet: sts, pods: [aPod(sts, 0).build()], services: [], pvcs: [pvc] };

  it('warns that the StorageClass does not exist', async () => {
    const t = buildTopology(sceneInput(scene), { now: NOW });
    expect(t.claims[0]).toMatchObject({
      status: 'Pending', storageClassName: 'nfs-client', volumeName: null, capacity: null, accessModes: [], requested: '100Mi',
      warnings: ["PVC Pending: no StorageClass 'nfs-client'"],
    });
    expect(t.explanations).toContain("PVC redis-100m-pvc-redis-pv-sts-0 Pending: no StorageClass 'nfs-client'");
    expect(t.nodes.find((n) => n.id === 'PersistentVolumeClaim/default/redis-100m-pvc-redis-pv-sts-0')).toMatchObject({ status: 'Pending', warning: true });
    await expectGolden('pvc-pending-no-class', t);
  });

  it('does not guess when StorageClasses cannot be read', () => {
    const t = buildTopology(sceneInput({ ...scene, storageClasses: [], pvAccess: 'forbidden' }), { now: NOW });
    expect(t.pvAccess).toBe('forbidden');
    expect(t.claims[0].warnings).toEqual([]);
  });

  it('warns about a claim with no class when there is no default StorageClass', () => {
    const bare = aClaim('redis-100m-pvc-redis-pv-sts-0').storageClass(null).build();
    const t = buildTopology(sceneInput({ ...scene, pvcs: [bare], storageClasses: [aStorageClass('standard')] }), { now: NOW });
    expect(t.claims[0].warnings).toEqual(['PVC Pending: no storageClassName and no default StorageClass, so only a pre-created matching PV can bind it']);
  });

  it('explains WaitForFirstConsumer while the pod is not scheduled', () => {
    const ok = aClaim('redis-100m-pvc-redis-pv-sts-0').build();
    const t = buildTopology(sceneInput({ ...scene, pvcs: [ok] }), { now: NOW });
    expect(t.claims[0]).toMatchObject({
      warnings: [], reason: "PVC redis-100m-pvc-redis-pv-sts-0 waits for redis-pv-sts-0 to be scheduled (StorageClass 'standard' binds on first consumer)",
    });
  });
});

describe('PVs and claim status', () => {
  it('shows the PV node but no PV details when PVs are forbidden', () => {
    const scene = seededScene();
    const t = buildTopology(sceneInput({ ...scene, pvs: [], storageClasses: [], pvAccess: 'forbidden' }), { now: NOW });
    expect(t.claims[0]).toMatchObject({ status: 'Bound', volumeName: 'pvc-00000000-www', pv: null, warnings: [] });
    expect(t.nodes.find((n) => n.id === 'PersistentVolume/pvc-00000000-www')).toMatchObject({ status: 'Unknown' });
    expect(t.edges.some((e) => e.id === 'bound:PersistentVolumeClaim/default/www-web-0->PersistentVolume/pvc-00000000-www')).toBe(true);
  });

  it('prints Terminating for a PVC being deleted, as kubectl does', () => {
    const scene = seededScene();
    const pvcs = [aClaim('www-web-0').bound('pvc-00000000-www').terminating().build(), scene.pvcs![1]];
    const t = buildTopology(sceneInput({ ...scene, pvcs }), { now: NOW });
    expect(t.claims[0]).toMatchObject({ status: 'Terminating', phase: 'Bound', warnings: ['PVC Terminating: it is removed once no pod uses it'] });
    expect(t.explanations).toEqual(['PVC www-web-0 Terminating: it is removed once no pod uses it']);
  });

  it('warns when a created pod has no PVC', () => {
    const scene = seededScene();
    const t = buildTopology(sceneInput({ ...scene, pvcs: [scene.pvcs![0]] }), { now: NOW });
    expect(t.claims[1]).toMatchObject({ exists: false, warnings: ['PVC missing: web-1 cannot start without it; the controller re-creates it while web-1 is Pending'] });
  });
});

describe('storage explanations of a large set', () => {
  it('lists a few PVC sentences and counts the rest, instead of one line per claim', async () => {
    const { buildExplanations, MAX_STORAGE_SENTENCES } = await import('./explanations.ts');
    const claims = Array.from({ length: 300 }, (_, i) => ({ retained: true, reason: `PVC www-web-${i} kept after scale-down (whenScaled: Retain); it will be reattached when web-${i} returns`, warnings: [] }));
    const out = buildExplanations({ service: null, scale: [], rollout: [], claims: claims as never });
    expect(out).toHaveLength(MAX_STORAGE_SENTENCES);
    expect(out[0]).toBe('PVC www-web-0 kept after scale-down (whenScaled: Retain); it will be reattached when web-0 returns');
    expect(out[MAX_STORAGE_SENTENCES - 1]).toBe('…and 297 more about PVCs like these; select a PVC to read its own');
  });
});
