import { describe, expect, it } from 'vitest';
import { markPlaceholder, type Pod, type StatefulSet } from './statefulset-model.ts';
import { completeRollingUpdate, inconsistentStatus, newWorkingStatus, recount, toApiStatus } from './statefulset-status.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function pod(name: string, opts: { rev?: string; phase?: string; ready?: boolean; readySince?: string; terminating?: boolean } = {}): Pod {
  return {
    metadata: {
      name,
      labels: { 'controller-revision-hash': opts.rev ?? 'web-a' },
      ...(opts.terminating ? { deletionTimestamp: '2026-01-01T00:10:30Z' } : {}),
    },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: opts.readySince ?? '2026-01-01T00:00:00Z' }],
    },
  };
}

function set(replicas: number, extra: Partial<StatefulSet['spec']> = {}, status?: StatefulSet['status']): StatefulSet {
  return { metadata: { name: 'web', generation: 2 }, spec: { replicas, ...extra }, status };
}

describe('status counting', () => {
  it('counts terminating pods in replicas/ready/available but not in current/updated', () => {
    const s = newWorkingStatus(set(3), 'web-a', 'web-b', 0);
    recount(s, 0, NOW, [pod('web-0'), pod('web-1', { rev: 'web-b' }), pod('web-2', { terminating: true })]);
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 1, updatedReplicas: 1 });
  });

  it('counts a pod in both current and updated when the revisions are equal, and skips placeholders', () => {
    const s = newWorkingStatus(set(2), 'web-a', 'web-a', 0);
    recount(s, 0, NOW, [pod('web-0'), markPlaceholder({ metadata: { name: 'web-1', labels: { 'controller-revision-hash': 'web-a' } } })]);
    expect(s).toMatchObject({ replicas: 1, currentReplicas: 1, updatedReplicas: 1 });
  });

  it('applies minReadySeconds to availability only (strictly after Ready + mrs)', () => {
    const s = newWorkingStatus(set(2), 'web-a', 'web-a', 0);
    const readyAt = '2026-01-01T00:09:30Z';
    recount(s, 30, NOW, [pod('web-0', { readySince: readyAt }), pod('web-1', { readySince: '2026-01-01T00:09:29Z' })]);
    expect(s).toMatchObject({ readyReplicas: 2, availableReplicas: 1 });
  });

  it('does not count Running-but-not-Ready or Pending pods as ready', () => {
    const s = newWorkingStatus(set(2), 'web-a', 'web-a', 0);
    recount(s, 0, NOW, [pod('web-0', { ready: false }), pod('web-1', { phase: 'Pending', ready: false })]);
    expect(s).toMatchObject({ replicas: 2, readyReplicas: 0, availableReplicas: 0 });
  });
});

describe('rollout completion', () => {
  it('completes a RollingUpdate when updated == ready == replicas == spec.replicas', () => {
    const s = { ...newWorkingStatus(set(3), 'web-a', 'web-b', 0), replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 0 };
    completeRollingUpdate(set(3, { updateStrategy: { type: 'RollingUpdate' } }), s);
    expect(s).toMatchObject({ currentRevision: 'web-b', currentReplicas: 3 });
  });

  it('completes at 0 replicas too (issue #121534)', () => {
    const s = newWorkingStatus(set(0), 'web-a', 'web-b', 0);
    completeRollingUpdate(set(0), s);
    expect(s.currentRevision).toBe('web-b');
  });

  it('never completes OnDelete (issue #73492), nor while a pod is not ready', () => {
    const s = { ...newWorkingStatus(set(1), 'web-a', 'web-b', 0), replicas: 1, readyReplicas: 1, updatedReplicas: 1 };
    completeRollingUpdate(set(1, { updateStrategy: { type: 'OnDelete' } }), s);
    expect(s.currentRevision).toBe('web-a');
    const t = { ...newWorkingStatus(set(1), 'web-a', 'web-b', 0), replicas: 1, readyReplicas: 0, updatedReplicas: 1 };
    completeRollingUpdate(set(1), t);
    expect(t.currentRevision).toBe('web-a');
  });
});

describe('status shape and change detection', () => {
  it('omits zero omitempty fields but always writes replicas, availableReplicas and collisionCount', () => {
    const s = newWorkingStatus(set(1), 'web-a', 'web-a', 0);
    s.replicas = 1;
    expect(toApiStatus(s)).toEqual({ observedGeneration: 2, replicas: 1, currentRevision: 'web-a', updateRevision: 'web-a', collisionCount: 0, availableReplicas: 0 });
    expect(Object.keys(toApiStatus({ ...s, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 1 }))).toEqual([
      'observedGeneration', 'replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'currentRevision', 'updateRevision', 'collisionCount', 'availableReplicas',
    ]);
  });

  it('rewrites only on a newer generation or a changed count/revision (not collisionCount alone)', () => {
    const s = newWorkingStatus(set(1), 'web-a', 'web-a', 0);
    const stored = set(1, {}, toApiStatus(s));
    expect(inconsistentStatus(stored, s)).toBe(false);
    expect(inconsistentStatus(stored, { ...s, collisionCount: 1 })).toBe(false);
    expect(inconsistentStatus(stored, { ...s, availableReplicas: 1 })).toBe(true);
    expect(inconsistentStatus(stored, { ...s, updateRevision: 'web-b' })).toBe(true);
    expect(inconsistentStatus(set(1, {}, { ...toApiStatus(s), observedGeneration: 1 }), s)).toBe(true);
    expect(inconsistentStatus(set(1), s)).toBe(true);
  });
});
