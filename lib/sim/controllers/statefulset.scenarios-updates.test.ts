// Acceptance scenarios 15–22 of statefulset-semantics.md §10 (rolling updates, partitions,
// OnDelete, revisions and their history).

import { afterEach, describe, expect, it } from 'vitest';
import { R } from '../resources.ts';
import type { ControllerRevision } from './revision.ts';
import type { StatefulSet } from './statefulset-model.ts';
import { startWeb, waitSettled, type StsCluster } from './statefulset-testing.ts';

let c: StsCluster;
afterEach(() => c?.stop());

const OLD = 'nginx:1.9.1';
const NEW = 'nginx:1.10';
const image = (name: string) => ((c.pod(name)?.spec?.containers as Array<{ image: string }> | undefined) ?? [])[0]?.image;
const revLabel = (name: string) => c.pod(name)?.metadata.labels?.['controller-revision-hash'];
const uidOf = (name: string) => c.pod(name)?.metadata.uid;
const status = () => c.set().status!;
const revisions = () => c.store.list(R.controllerRevisions, 'default') as ControllerRevision[];
const deletes = (from: number) => c.log.slice(from).filter((l) => l.startsWith('delete'));
const partition = (p: number) =>
  c.apiUpdate(R.statefulsets, 'web', (s) => { (s as StatefulSet).spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: p } }; });
const onImage = (names: string[], img: string) => names.every((n) => image(n) === img && c.readyNames().includes(n));
const rolling = (p: number) => ({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: p } } });

describe('StatefulSet scenarios: rolling updates', () => {
  it('scenario 15: rolling update in reverse order', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const rev1 = status().currentRevision;
    const mark = c.log.length;
    c.setImage(NEW);
    const rev2 = revisions().find((r) => r.metadata.name !== rev1)!;
    expect(rev2.revision).toBe(2);
    expect(status().updateRevision).toBe(rev2.metadata.name);
    expect(status().currentRevision).toBe(rev1);
    waitSettled(c);
    expect(c.log.slice(mark)).toEqual([2, 1, 0].flatMap((n) => [`delete web-${n}`, `gone web-${n}`, `create web-${n}`, `ready web-${n}`]));
    expect(status()).toMatchObject({ currentRevision: rev2.metadata.name, updateRevision: rev2.metadata.name, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 2 });
    expect(c.set().metadata.generation).toBe(2);
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual([NEW, NEW, NEW]);
  });

  it('scenario 16: a broken update blocks the rollout until the pod is deleted by hand', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const rev1 = status().currentRevision;
    const kept = { 'web-0': uidOf('web-0'), 'web-1': uidOf('web-1') };
    const mark = c.log.length;
    c.setImage('nginx:does-not-exist');
    const pulling = () => (c.pod('web-2')?.status?.containerStatuses as Array<{ state: { waiting?: { reason?: string } } }> | undefined)?.[0]?.state.waiting?.reason;
    c.advanceUntil(() => pulling() === 'ImagePullBackOff');
    c.advance(60_000);
    expect(deletes(mark)).toEqual(['delete web-2']);
    expect(status()).toMatchObject({ readyReplicas: 2, currentRevision: rev1 });
    expect(status().updateRevision).not.toBe(rev1);
    const broken = uidOf('web-2');
    c.setImage(OLD);
    expect(status().updateRevision).toBe(rev1);
    c.advance(60_000);
    expect(uidOf('web-2')).toBe(broken);
    c.deletePod('web-2');
    waitSettled(c);
    expect(revLabel('web-2')).toBe(rev1);
    expect(image('web-2')).toBe(OLD);
    expect({ 'web-0': uidOf('web-0'), 'web-1': uidOf('web-1') }).toEqual(kept);
  });

  it('scenario 17: a rollback reuses the old revision', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const rev1 = status().currentRevision!;
    c.setImage(NEW);
    waitSettled(c);
    const mark = c.log.length;
    c.setImage(OLD);
    expect(revisions()).toHaveLength(2);
    expect(revisions().find((r) => r.metadata.name === rev1)!.revision).toBe(3);
    expect(status().updateRevision).toBe(rev1);
    waitSettled(c);
    expect(deletes(mark)).toEqual(['delete web-2', 'delete web-1', 'delete web-0']);
    expect(status().currentRevision).toBe(rev1);
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual([OLD, OLD, OLD]);
  });

  it('scenario 18: partition, canary and phased rollout', () => {
    c = startWeb({ replicas: 3, spec: rolling(3) });
    waitSettled(c);
    const rev1 = status().currentRevision;
    const mark = c.log.length;
    c.setImage(NEW);
    c.advance(30_000);
    expect(deletes(mark)).toEqual([]);
    const rev2 = status().updateRevision;
    expect(rev2).not.toBe(rev1);
    partition(2);
    c.advanceUntil(() => onImage(['web-2'], NEW));
    c.advance(10_000);
    expect(deletes(mark)).toEqual(['delete web-2']);
    c.deletePod('web-0');
    c.deletePod('web-2');
    c.advanceUntil(() => c.log.slice(mark).filter((l) => l === 'ready web-0' || l === 'ready web-2').length === 3);
    expect([revLabel('web-0'), image('web-0')]).toEqual([rev1, OLD]);
    expect([revLabel('web-2'), image('web-2')]).toEqual([rev2, NEW]);
    partition(1);
    c.advanceUntil(() => onImage(['web-1'], NEW));
    expect(image('web-0')).toBe(OLD);
    partition(0);
    waitSettled(c);
    expect(status().currentRevision).toBe(rev2);
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual([NEW, NEW, NEW]);
  });

  it('scenario 19: the partition is relative to ordinals.start', () => {
    c = startWeb({ replicas: 9, spec: { ordinals: { start: 2 }, ...rolling(5) } });
    waitSettled(c, 'web', 300_000);
    expect(c.podNames()).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `web-${n}`));
    const before = Object.fromEntries([2, 3, 4, 5, 6].map((n) => [n, uidOf(`web-${n}`)]));
    c.setImage(NEW);
    c.advanceUntil(() => onImage([7, 8, 9, 10].map((n) => `web-${n}`), NEW) && status().readyReplicas === 9, 120_000);
    c.advance(20_000);
    expect([2, 3, 4, 5, 6].map((n) => image(`web-${n}`))).toEqual([OLD, OLD, OLD, OLD, OLD]);
    expect(Object.fromEntries([2, 3, 4, 5, 6].map((n) => [n, uidOf(`web-${n}`)]))).toEqual(before);
    expect(status().updatedReplicas).toBe(4);
  });

  it('scenario 20: OnDelete', () => {
    c = startWeb({ replicas: 3, spec: { updateStrategy: { type: 'OnDelete' } } });
    waitSettled(c);
    const rev1 = status().currentRevision;
    const mark = c.log.length;
    c.setImage(NEW);
    c.advance(30_000);
    expect(deletes(mark)).toEqual([]);
    const rev2 = status().updateRevision;
    expect(rev2).not.toBe(rev1);
    c.scale(5);
    c.advanceUntil(() => c.readyNames().length === 5);
    expect(['web-0', 'web-1', 'web-2', 'web-3', 'web-4'].map(image)).toEqual([OLD, OLD, OLD, NEW, NEW]);
    for (const n of ['web-0', 'web-1', 'web-2']) c.deletePod(n);
    const all = ['web-0', 'web-1', 'web-2', 'web-3', 'web-4'];
    c.advanceUntil(() => onImage(all, NEW));
    expect(all.map(revLabel)).toEqual(all.map(() => rev2));
    c.advance(10_000);
    expect(status()).toMatchObject({ currentRevision: rev1, updateRevision: rev2, updatedReplicas: 5, readyReplicas: 5 });
  });

  it('scenario 21: scale to 0 and up with a partition takes the new template', () => {
    c = startWeb({ replicas: 4, spec: rolling(2) });
    waitSettled(c);
    c.setImage(NEW);
    c.advanceUntil(() => onImage(['web-2', 'web-3'], NEW) && status().readyReplicas === 4);
    expect([image('web-0'), image('web-1')]).toEqual([OLD, OLD]);
    c.scale(0);
    c.advanceUntil(() => c.podNames().length === 0 && status().replicas === 0);
    expect(status().currentRevision).toBe(status().updateRevision);
    c.scale(2);
    c.advanceUntil(() => c.readyNames().length === 2);
    expect([image('web-0'), image('web-1')]).toEqual([NEW, NEW]);
  });

  it('scenario 22: revision history limit', () => {
    c = startWeb({ replicas: 1, spec: { revisionHistoryLimit: 2 } });
    waitSettled(c);
    for (let i = 0; i < 6; i++) {
      c.setImage(`nginx:1.${11 + i}`);
      waitSettled(c);
      expect(revisions().length).toBeLessThanOrEqual(4);
    }
    const kept = revisions().map((r) => r.revision).sort((a, b) => a! - b!);
    expect(kept).toEqual([5, 6, 7]);
    expect(revisions().map((r) => r.metadata.name)).toContain(status().currentRevision);
  });
});
