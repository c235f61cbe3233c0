import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { newEventRecorder } from './events.ts';
import { newTestCluster, type TestCluster } from './testing.ts';

let c: TestCluster;
afterEach(() => c?.stop());

function sts(): KubeObject {
  return c.store.create(R.statefulsets, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' }, spec: {} });
}

describe('event recorder', () => {
  it('writes a core/v1 Event shaped like client-go', () => {
    c = newTestCluster({ controllers: [] });
    const set = sts();
    const rec = newEventRecorder(c.store, c.clock, { component: 'statefulset-controller' });
    rec.record(set, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful');
    const [e] = c.store.list(R.events);
    const nanos = (BigInt(c.clock.now()) * 1_000_000n).toString(16);
    expect(e).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `web.${nanos}`, namespace: 'default' },
      involvedObject: { kind: 'StatefulSet', namespace: 'default', name: 'web', uid: set.metadata.uid, apiVersion: 'apps/v1', resourceVersion: set.metadata.resourceVersion },
      reason: 'SuccessfulCreate',
      message: 'create Pod web-0 in StatefulSet web successful',
      source: { component: 'statefulset-controller' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'statefulset-controller',
      reportingInstance: '',
    });
  });

  it('gives events in the same instant unique names, across recorders too', () => {
    c = newTestCluster({ controllers: [] });
    const set = sts();
    const a = newEventRecorder(c.store, c.clock, { component: 'a' });
    const b = newEventRecorder(c.store, c.clock, { component: 'b' });
    a.record(set, 'Normal', 'One', 'x');
    b.record(set, 'Normal', 'Two', 'x');
    a.record(set, 'Warning', 'Three', 'x');
    expect(new Set(c.store.list(R.events).map((e) => e.metadata.name)).size).toBe(3);
  });

  it('counts identical events instead of creating new objects', () => {
    c = newTestCluster({ controllers: [] });
    const set = sts();
    const rec = newEventRecorder(c.store, c.clock, { component: 'statefulset-controller' });
    rec.record(set, 'Warning', 'FailedCreate', 'boom');
    c.advance(5000);
    rec.record(set, 'Warning', 'FailedCreate', 'boom');
    rec.record(set, 'Warning', 'FailedCreate', 'other message');
    const events = c.store.list(R.events);
    expect(events).toHaveLength(2);
    const boom = events.find((e) => e.message === 'boom')!;
    expect(boom).toMatchObject({ count: 2, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:05Z' });
  });

  it('puts events about cluster-scoped objects in namespace default, with host and fieldPath', () => {
    c = newTestCluster({ controllers: [] });
    const node = c.store.create(R.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    newEventRecorder(c.store, c.clock).record(node, 'Normal', 'NodeReady', 'ready', { component: 'kubelet', host: 'n1', fieldPath: 'spec' });
    const [e] = c.store.list(R.events);
    expect(e.metadata.namespace).toBe('default');
    expect(e.involvedObject).toMatchObject({ kind: 'Node', name: 'n1', fieldPath: 'spec' });
    expect(e.source).toEqual({ component: 'kubelet', host: 'n1' });
    expect(e.reportingInstance).toBe('n1');
  });
});
