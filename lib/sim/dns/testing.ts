// Test support for the DNS tests: a store with namespaces, Services and EndpointSlices written
// directly (as a selector-less Service's owner would), so resolver tests need no controllers.
// Not used by product code.

import type { KubeObject } from '../../kube/types.ts';
import { ManualClock } from '../clock.ts';
import { R } from '../resources.ts';
import { newClusterStore } from '../store/new-store.ts';
import type { Store } from '../store/store.ts';

export function dnsTestStore(namespaces: string[] = ['default', 'other']): Store {
  const store = newClusterStore({ clock: new ManualClock() });
  for (const name of namespaces) store.create(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return store;
}

export interface PortFixture {
  name?: string;
  port: number;
  protocol?: string;
}

export interface ServiceFixture {
  namespace?: string;
  /** "None" for headless (the default); an IPv4 address for a ClusterIP Service. */
  clusterIP?: string;
  type?: string;
  externalName?: string;
  ports?: PortFixture[];
}

export function addService(store: Store, name: string, f: ServiceFixture = {}): KubeObject {
  return store.create(R.services, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: f.namespace ?? 'default' },
    spec: {
      type: f.type ?? 'ClusterIP',
      ...(f.type === 'ExternalName' ? { externalName: f.externalName } : { clusterIP: f.clusterIP ?? 'None' }),
      ports: (f.ports ?? [{ name: 'web', port: 80 }]).map((p) => ({ protocol: 'TCP', ...p })),
    },
  });
}

export interface EndpointFixture {
  ip: string;
  hostname?: string;
  /** Undefined means the condition is absent (counts as ready). */
  ready?: boolean;
  pod?: string;
}

/** An EndpointSlice for `service` (ports are the endpoint ports: target ports). */
export function addSlice(store: Store, service: string, endpoints: EndpointFixture[], ports: PortFixture[] = [{ name: 'web', port: 80 }], namespace = 'default'): KubeObject {
  return store.create(R.endpointSlices, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: `${service}-`, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port })),
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: e.ready === undefined ? {} : { ready: e.ready, serving: e.ready, terminating: false },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace, name: e.pod } } : {}),
    })),
  });
}
