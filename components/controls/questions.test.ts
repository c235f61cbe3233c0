import { describe, expect, it } from 'vitest';
import { seeded } from '../testdata/topologies.ts';
import { deleteAllQuestion, deletePodQuestion, imageQuestion, restartQuestion, scaleDownQuestion } from './questions.ts';

const web = () => ({ ...seeded().statefulSet, replicas: { ...seeded().statefulSet.replicas, desired: 4 } });

describe('confirmation questions', () => {
  it('scale-down names the pods that go, highest first, and says the PVCs stay', () => {
    expect(scaleDownQuestion(web(), 2)).toEqual({
      title: 'Scale web down from 4 to 2?',
      detail: 'web-3, web-2 will be deleted, highest ordinal first, one at a time. Their PersistentVolumeClaims are kept.',
    });
  });

  it('Parallel sets delete and recreate all at once', () => {
    const sts = { ...web(), podManagementPolicy: 'Parallel' };
    expect(scaleDownQuestion(sts, 3).detail).toContain('all at once');
    expect(deleteAllQuestion(sts, 4).detail).toContain('all at once');
  });

  it('deleting pods promises the same identity and a new IP', () => {
    expect(deletePodQuestion(web(), 'web-1').detail).toBe('The StatefulSet controller recreates web-1 with the same name, the same DNS name, the same volume and a new IP. No other pod is touched.');
    expect(deleteAllQuestion(web(), 4)).toEqual({
      title: 'Delete all 4 pods of web?',
      detail: 'They come back with the same names and volumes but new IPs, one at a time from web-0, each after the previous one is Ready.',
    });
  });

  it('restart and image changes mention the partition when there is one', () => {
    expect(restartQuestion(web()).detail).toContain('every pod is replaced');
    expect(restartQuestion({ ...web(), partition: 2 }).detail).toContain('ordinals 2 and above (partition 2)');
    expect(imageQuestion({ ...web(), partition: 1 }, 'nginx', 'nginx:1.25').detail).toContain('down to ordinal 1');
    expect(imageQuestion({ ...web(), updateStrategy: 'OnDelete' }, 'nginx', 'nginx:1.25').detail).toContain('only when you delete them');
  });
});
