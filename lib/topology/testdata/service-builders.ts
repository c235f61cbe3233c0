// Builders for the governing Service and the EndpointSlice the EndpointSlice controller would
// write for it (statefulset-semantics.md §8.1). Test-only.

import type { KubeObject } from '../../kube/types.ts';
import { matchesLabelSelector } from '../../kube/labels.ts';
import { NS, at } from './builders.ts';

export class ServiceBuilder {
  obj: KubeObject;

  constructor(name: string) {
    this.obj = {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, namespace: NS, uid: `uid-svc-${name}`, labels: { app: 'nginx' }, creationTimestamp: at(0) },
      spec: {
        clusterIP: 'None', clusterIPs: ['None'], type: 'ClusterIP', selector: { app: 'nginx' },
        ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }],
        ipFamilies: ['IPv4'], sessionAffinity: 'None',
      },
    };
  }

  private get spec(): Record<string, unknown> { return this.obj.spec as Record<string, unknown>; }

  clusterIP(ip: string): this { Object.assign(this.spec, { clusterIP: ip, clusterIPs: [ip] }); return this; }
  selector(selector: Record<string, string> | null): this {
    if (selector === null) delete this.spec.selector; else this.spec.selector = selector;
    return this;
  }
  ports(ports: Array<{ name?: string; port: number; targetPort?: number | string }>): this {
    this.spec.ports = ports.map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p }));
    return this;
  }
  publishNotReadyAddresses(): this { this.spec.publishNotReadyAddresses = true; return this; }
  build(): KubeObject { return structuredClone(this.obj); }
}

export function aService(name: string): ServiceBuilder {
  return new ServiceBuilder(name);
}

interface PodLike {
  metadata: KubeObject['metadata'];
  spec?: { hostname?: string; subdomain?: string; nodeName?: string };
  status?: { phase?: string; podIP?: string; conditions?: Array<{ type: string; status: string }> };
}

/** The slice the EndpointSlice controller writes for `svc` given these pods (one IPv4 slice). */
export function endpointSliceFor(svc: KubeObject, pods: readonly KubeObject[]): KubeObject {
  const spec = svc.spec as { selector?: Record<string, string>; publishNotReadyAddresses?: boolean; clusterIP?: string };
  const name = svc.metadata.name ?? '';
  const selected = (pods as readonly PodLike[]).filter((p) => spec.selector
    && matchesLabelSelector({ matchLabels: spec.selector }, p.metadata.labels)
    && p.status?.podIP && p.status.phase !== 'Failed' && p.status.phase !== 'Succeeded');
  const endpoints = selected.map((p) => {
    const serving = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    const terminating = Boolean(p.metadata.deletionTimestamp);
    const endpoint: Record<string, unknown> = {
      addresses: [p.status?.podIP],
      conditions: { ready: spec.publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
      targetRef: { kind: 'Pod', namespace: NS, name: p.metadata.name, uid: p.metadata.uid },
      nodeName: p.spec?.nodeName,
    };
    if (p.spec?.hostname && p.spec.subdomain === name) endpoint.hostname = p.spec.hostname;
    return endpoint;
  });
  const labels: Record<string, string> = {
    ...(svc.metadata.labels ?? {}), 'kubernetes.io/service-name': name,
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  };
  if (spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: `${name}-abcde`, namespace: NS, labels, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }] },
    addressType: 'IPv4',
    endpoints,
    ports: ((svc.spec as { ports?: Array<{ name?: string; protocol?: string; targetPort?: unknown }> }).ports ?? [])
      .map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.targetPort })),
  };
}
