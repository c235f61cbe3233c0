import { describe, expect, it } from 'vitest';
import { claimOwnerRefsFor, isClaimOwnerUpToDate } from './statefulset-claims.ts';
import { parseName, type Pod, type Pvc, type StatefulSet } from './statefulset-model.ts';
import { identityMatches, newClaim, newStatefulSetPod, storageMatches } from './statefulset-pods.ts';
import { newVersionedStatefulSetPod } from './statefulset-update.ts';

function web(extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' }, annotations: { a: 'b' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }], volumes: [{ name: 'www', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www', labels: { app: 'other', tier: 'db' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

describe('pod names', () => {
  it('parses <parent>-<ordinal> greedily and rejects the rest', () => {
    expect(parseName('web-10')).toEqual({ parent: 'web', ordinal: 10 });
    expect(parseName('my-web-2')).toEqual({ parent: 'my-web', ordinal: 2 });
    expect(parseName('web')).toEqual({ parent: '', ordinal: -1 });
    expect(parseName('web-99999999999')).toEqual({ parent: 'web', ordinal: -1 });
  });
});

describe('pod construction (§1.2)', () => {
  it('builds web-1 with identity labels, hostname/subdomain, ownerRef and the claim volume first', () => {
    const pod = newStatefulSetPod(web(), 1);
    expect(pod.metadata).toMatchObject({
      name: 'web-1',
      generateName: 'web-',
      namespace: 'default',
      annotations: { a: 'b' },
      labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': '1', 'statefulset.kubernetes.io/pod-name': 'web-1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pod.spec!.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }, { name: 'cfg', configMap: { name: 'c' } }]);
    expect(identityMatches(web(), pod)).toBe(true);
    expect(storageMatches(web(), pod)).toBe(true);
  });

  it('detects broken identity and storage', () => {
    const pod = newStatefulSetPod(web(), 1) as Pod;
    pod.metadata.labels = { app: 'nginx' };
    expect(identityMatches(web(), pod)).toBe(false);
    pod.spec!.volumes = [];
    expect(storageMatches(web(), pod)).toBe(false);
  });

  it('labels a new pod with the current revision below the partition (relative to start) and the update revision above', () => {
    const set = web({ ordinals: { start: 2 }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 5 } } });
    expect(newVersionedStatefulSetPod(set, set, 'web-old', 'web-new', 6).metadata.labels!['controller-revision-hash']).toBe('web-old');
    expect(newVersionedStatefulSetPod(set, set, 'web-old', 'web-new', 7).metadata.labels!['controller-revision-hash']).toBe('web-new');
    const onDelete = web({ updateStrategy: { type: 'OnDelete' } });
    expect(newVersionedStatefulSetPod(onDelete, onDelete, 'web-old', 'web-new', 0).metadata.labels!['controller-revision-hash']).toBe('web-new');
  });

  it('builds the PVC from the claim template with selector labels winning', () => {
    const claim = newClaim(web(), web().spec.volumeClaimTemplates![0], 0);
    expect(claim.metadata).toEqual({ name: 'www-web-0', namespace: 'default', labels: { app: 'nginx', tier: 'db' } });
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
  });
});

describe('claim ownerRefs by retention policy (§4.2)', () => {
  const pod = (ordinal: number): Pod => ({ metadata: { name: `web-${ordinal}`, uid: `pod-${ordinal}` } });
  const claim = (refs: Pvc['metadata']['ownerReferences'] = undefined): Pvc => ({ metadata: { name: 'www-web-x', ownerReferences: refs } });
  const kinds = (set: StatefulSet, ordinal: number) => claimOwnerRefsFor(claim(), set, pod(ordinal)).map((r) => r.kind);

  it.each([
    ['Retain', 'Retain', [], []],
    ['Retain', 'Delete', ['StatefulSet'], ['StatefulSet']],
    ['Delete', 'Retain', [], ['Pod']],
    ['Delete', 'Delete', ['StatefulSet'], ['Pod']],
  ] as const)('whenScaled=%s whenDeleted=%s', (whenScaled, whenDeleted, inRange, condemned) => {
    const set = web({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } });
    expect(kinds(set, 0)).toEqual(inRange);
    expect(kinds(set, 2)).toEqual(condemned);
  });

  it('leaves a claim with a stale ref alone, and removes our refs when the policy goes back to Retain', () => {
    const set = web({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } });
    const stale = claim([{ apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: 'old-uid', controller: true }]);
    expect(isClaimOwnerUpToDate(stale, set, pod(2))).toBe(true);
    const owned = claim([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true }]);
    expect(isClaimOwnerUpToDate(owned, web(), pod(0))).toBe(false);
    expect(claimOwnerRefsFor(owned, web(), pod(0))).toEqual([]);
  });
});
