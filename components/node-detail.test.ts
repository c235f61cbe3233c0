import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { nodeDetail } from './node-detail.ts';
import { seeded } from './testdata/topologies.ts';

it('shows the model part of the selected object as YAML, with its warning events', () => {
  const t = seeded();
  const withEvent = { ...t, warningEvents: [{ nodeId: 'Pod/default/web-1', reason: 'BackOff', message: 'Back-off restarting failed container', count: 3, lastSeen: null, past: null }] };
  const d = nodeDetail(withEvent, 'Pod/default/web-1');
  expect(d?.node.kind).toBe('Pod');
  expect(parse(d?.yaml ?? '')).toMatchObject({ name: 'web-1', podIP: '10.244.1.11', kubectl: { status: 'Running' } });
  expect(d?.events.map((e) => e.reason)).toEqual(['BackOff']);
  expect(nodeDetail(t, 'Pod/default/web-0')?.events).toEqual([]);
});

it('finds a PV through its claim, and nothing for an unknown id', () => {
  const t = seeded();
  expect(parse(nodeDetail(t, 'PersistentVolume/pvc-00000000-www')?.yaml ?? '')).toMatchObject({ reclaimPolicy: 'Delete' });
  expect(nodeDetail(t, 'Pod/default/web-9')).toBeNull();
});
