import { expect, it } from 'vitest';
import { accessModesShort, clockTime, parseNodeId, revisionHash, setNameOfPod } from './format.ts';

it('clockTime prints local hh:mm:ss', () => {
  expect(clockTime(new Date(2026, 0, 1, 14, 3, 12).getTime())).toBe('14:03:12');
  expect(clockTime(new Date(2026, 0, 1, 9, 5, 7).getTime())).toBe('09:05:07');
});

it('revisionHash drops the set-name prefix of a ControllerRevision name', () => {
  expect(revisionHash('web-6f7d5c9b8', 'web')).toBe('6f7d5c9b8');
  expect(revisionHash('my-web-6f7d5c9b8', setNameOfPod('my-web-10'))).toBe('6f7d5c9b8');
  expect(revisionHash('other-1', 'web')).toBe('other-1');
  expect(revisionHash(null, 'web')).toBeNull();
});

it('parseNodeId splits namespaced and cluster-scoped ids', () => {
  expect(parseNodeId('Pod/default/web-0')).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-0' });
  expect(parseNodeId('PersistentVolume/pvc-1')).toEqual({ kind: 'PersistentVolume', namespace: null, name: 'pvc-1' });
});

it('accessModesShort abbreviates as kubectl does', () => {
  expect(accessModesShort(['ReadWriteOnce', 'ReadWriteMany'])).toBe('RWO,RWX');
  expect(accessModesShort(['RWO'])).toBe('RWO');
});
