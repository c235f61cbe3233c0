// The remembered "nothing to repair" verdict must never hide a repair: any change to a claim,
// the pod or the set's retention policy is looked at again on the next sync.

import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { startWeb, waitSettled, type StsCluster } from './statefulset-testing.ts';

let c: StsCluster;
afterEach(() => c?.stop());

const claim = (n: number) => c.store.get(R.pvcs, 'default', `www-web-${n}`);

describe('StatefulSet repair checks of settled pods', () => {
  it('restores a claim ownerRef someone removed, though the pod itself did not change', () => {
    c = startWeb({ replicas: 3, spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } } });
    waitSettled(c);
    const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: c.set().metadata.uid, controller: true, blockOwnerDeletion: true };
    c.sts.syncAll(); // the pods' verdicts are remembered now
    const next = structuredClone(claim(1)!) as KubeObject;
    delete next.metadata.ownerReferences;
    c.store.update(R.pvcs, next);
    expect(claim(1)!.metadata.ownerReferences).toEqual([setRef]);
  });

  it('applies a changed retention policy to pods already checked', () => {
    c = startWeb({ replicas: 2 });
    waitSettled(c);
    c.sts.syncAll();
    expect(claim(0)!.metadata.ownerReferences).toBeUndefined();
    c.apiUpdate(R.statefulsets, 'web', (s) => {
      (s.spec as Record<string, unknown>).persistentVolumeClaimRetentionPolicy = { whenScaled: 'Retain', whenDeleted: 'Delete' };
    });
    for (const n of [0, 1]) expect(claim(n)!.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'StatefulSet', name: 'web' })]);
  });
});
