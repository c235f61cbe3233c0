import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import type { Endpoint } from './endpoint-builders.ts';
import { ANN_NEVER_READY } from './kubelet.ts';
import { aPod, aService, aStatefulPod, newTestCluster, type TestCluster } from './testing.ts';

let c: TestCluster;
afterEach(() => c?.stop());

const slicesOf = (svc: string) => c.store.list(R.endpointSlices, 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);
const endpoints = (svc: string) => slicesOf(svc).flatMap((s) => s.endpoints as Endpoint[]);
const byName = (svc: string, pod: string) => endpoints(svc).find((e) => e.targetRef.name === pod);

/** Scenario 30 of §10: web-0 Ready, web-1 Running but not Ready, headless Service nginx. */
function scenario30(publishNotReadyAddresses = false) {
  c = newTestCluster({ controllers: ['kubelet', 'endpointslice', 'gc'] });
  c.store.create(R.services, aService('nginx', { publishNotReadyAddresses }));
  c.store.create(R.pods, aStatefulPod('web-0', { claims: [] }));
  c.store.create(R.pods, aStatefulPod('web-1', { claims: [], annotations: { [ANN_NEVER_READY]: 'true' } }));
  c.advance(3000);
}

describe('EndpointSlice controller', () => {
  it('scenario 30: headless label, hostname, ready web-0 and not-ready web-1', () => {
    scenario30();
    const [slice, ...rest] = slicesOf('nginx');
    expect(rest).toHaveLength(0);
    const svc = c.store.get(R.services, 'default', 'nginx')!;
    expect(slice.metadata.name).toMatch(/^nginx-[a-z0-9]{5}$/);
    expect(slice.metadata.generateName).toBe('nginx-');
    expect(slice.metadata.labels).toEqual({
      app: 'nginx',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'nginx',
      'service.kubernetes.io/headless': '',
    });
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'nginx', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T00:00:0\d(\.\d+)?Z$/);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'web', protocol: 'TCP', port: 80 }]);

    const web0 = c.pod('web-0')!;
    expect(byName('nginx', 'web-0')).toEqual({
      addresses: [web0.status!.podIP],
      conditions: { ready: true, serving: true, terminating: false },
      hostname: 'web-0',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: web0.metadata.uid },
      nodeName: 'sim-node-1',
      zone: 'sim-zone-a',
    });
    expect(byName('nginx', 'web-1')).toMatchObject({ hostname: 'web-1', conditions: { ready: false, serving: false, terminating: false }, zone: 'sim-zone-b' });
  });

  it('scenario 30 with publishNotReadyAddresses: web-1 is ready too (but not serving)', () => {
    scenario30(true);
    expect(byName('nginx', 'web-1')!.conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  it('keeps terminating pods as terminating, drops them when gone, never lists terminal pods', () => {
    scenario30();
    c.store.delete(R.pods, 'default', 'web-0', {});
    expect(byName('nginx', 'web-0')!.conditions).toEqual({ ready: false, serving: false, terminating: true });
    c.advance(1500);
    expect(byName('nginx', 'web-0')).toBeUndefined();

    const p = structuredClone(c.pod('web-1')!);
    p.status!.phase = 'Failed';
    c.store.update(R.pods, p);
    expect(endpoints('nginx')).toEqual([]);
    expect(slicesOf('nginx')).toHaveLength(1);
  });

  it('sets hostname only when the pod subdomain names this Service; excludes pods without IP', () => {
    c = newTestCluster({ controllers: ['kubelet', 'endpointslice'] });
    c.store.create(R.services, aService('other'));
    c.store.create(R.pods, aStatefulPod('web-0', { claims: [] }));
    c.advance(250);
    expect(endpoints('other')).toEqual([]);
    c.advance(2000);
    expect(byName('other', 'web-0')!.hostname).toBeUndefined();
  });

  it('resolves named target ports per pod and groups pods by port set', () => {
    c = newTestCluster({ controllers: ['kubelet', 'endpointslice'] });
    const ports = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }, { name: 'metrics', port: 9000, protocol: 'TCP', targetPort: 9113 }];
    c.store.create(R.services, aService('app', { headless: false, ports }));
    c.store.create(R.pods, aPod('a', { ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] }));
    c.store.create(R.pods, aPod('b', { ports: [{ name: 'web', containerPort: 8081, protocol: 'TCP' }] }));
    c.advance(3000);
    const slices = slicesOf('app');
    expect(slices).toHaveLength(2);
    expect(slices.map((s) => [(s.endpoints as Endpoint[]).map((e) => e.targetRef.name), s.ports]).sort()).toEqual([
      [['a'], [{ name: 'http', protocol: 'TCP', port: 8080 }, { name: 'metrics', protocol: 'TCP', port: 9113 }]],
      [['b'], [{ name: 'http', protocol: 'TCP', port: 8081 }, { name: 'metrics', protocol: 'TCP', port: 9113 }]],
    ]);
    expect(slices[0].metadata.labels!['service.kubernetes.io/headless']).toBeUndefined();
  });

  it('writes only when content changes', () => {
    scenario30();
    const before = slicesOf('nginx')[0].metadata.resourceVersion;
    const p = structuredClone(c.pod('web-0')!);
    p.metadata.labels = { ...p.metadata.labels, unrelated: 'x' };
    c.store.update(R.pods, p);
    c.advance(5000);
    expect(slicesOf('nginx')[0].metadata.resourceVersion).toBe(before);
  });

  it('the garbage collector removes the slices with the Service; the Endpoints object goes too', () => {
    scenario30();
    c.store.delete(R.services, 'default', 'nginx', {});
    expect(slicesOf('nginx')).toEqual([]);
    expect(c.store.get(R.endpoints, 'default', 'nginx')).toBeUndefined();
  });
});

describe('legacy Endpoints', () => {
  it('lists ready pods in addresses and not-ready ones in notReadyAddresses', () => {
    scenario30();
    const ep = c.store.get(R.endpoints, 'default', 'nginx') as KubeObject & { subsets: unknown[] };
    const web0 = c.pod('web-0')!;
    const web1 = c.pod('web-1')!;
    expect(ep.metadata.labels).toEqual({ app: 'nginx', 'service.kubernetes.io/headless': '' });
    expect(ep.subsets).toEqual([{
      addresses: [{ ip: web0.status!.podIP, hostname: 'web-0', nodeName: 'sim-node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: web0.metadata.uid } }],
      notReadyAddresses: [{ ip: web1.status!.podIP, hostname: 'web-1', nodeName: 'sim-node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: web1.metadata.uid } }],
      ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
    }]);
  });

  it('drops terminating pods unless publishNotReadyAddresses; an empty Endpoints has no subsets', () => {
    scenario30();
    c.store.delete(R.pods, 'default', 'web-0', {});
    c.store.delete(R.pods, 'default', 'web-1', {});
    const ep = c.store.get(R.endpoints, 'default', 'nginx')!;
    expect(ep.subsets).toBeUndefined();
  });

  it('leaves Services without a selector alone', () => {
    c = newTestCluster({ controllers: ['endpointslice'] });
    const svc = aService('external');
    delete (svc.spec as { selector?: unknown }).selector;
    c.store.create(R.services, svc);
    expect(c.store.get(R.endpoints, 'default', 'external')).toBeUndefined();
    expect(slicesOf('external')).toEqual([]);
  });
});
