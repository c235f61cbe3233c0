import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { toTable } from './printers.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const S = 1000;
const M = 60 * S;
const D = 24 * 60 * M;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function obj(kind: string, name: string, created: number, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { kind, metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '42', creationTimestamp: ago(created), ...meta }, ...rest };
}

interface Row { cells: unknown[]; conditions?: unknown[]; object?: KubeObject }
interface Col { name: string; type: string; format: string; description: string; priority: number }

const rowsOf = (key: string, items: KubeObject[]) => toTable(key, items, { now: NOW }).rows as Row[];
const cellsOf = (key: string, item: KubeObject) => rowsOf(key, [item])[0].cells;
/** Column names as `kubectl get` headers them; "*" marks -o wide only (priority 1). */
const headers = (key: string) => (toTable(key, [], { now: NOW }).columnDefinitions as Col[]).map((c) => (c.priority === 1 ? `${c.name}*` : c.name));

describe('toTable envelope', () => {
  const pod = obj('Pod', 'web-0', 45 * S, { apiVersion: 'v1', spec: { containers: [{ name: 'nginx' }] }, status: { phase: 'Pending' } });

  it('is a meta.k8s.io/v1 Table with full column definitions and metadata rows by default', () => {
    const t = toTable(R.pods, [pod], { now: NOW });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({});
    expect((t.columnDefinitions as Col[])[0]).toEqual({
      name: 'Name', type: 'string', format: 'name', priority: 0,
      description: expect.stringMatching(/^Name must be unique within a namespace/),
    });
    expect((t.columnDefinitions as Col[])[4].description).toMatch(/UTC\.\n\nPopulated by the system/);
    expect((t.rows as Row[])[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
  });

  it('honours noHeaders and includeObject', () => {
    const none = toTable(R.pods, [pod], { now: NOW, noHeaders: true, includeObject: 'None' });
    expect(none).not.toHaveProperty('columnDefinitions');
    expect((none.rows as Row[])[0]).toEqual({ cells: ['web-0', '0/1', 'Pending', '0', '45s', '<none>', '<none>', '<none>', '<none>'] });
    expect((toTable(R.pods, [pod], { now: NOW, includeObject: 'Object' }).rows as Row[])[0].object).toBe(pod);
  });

  it('falls back to NAME AGE for a resource without a printer', () => {
    expect(headers('widgets.example.com')).toEqual(['Name', 'Age']);
    expect(cellsOf('widgets.example.com', obj('Widget', 'w1', 3 * D))).toEqual(['w1', '3d']);
  });

  it('defines every column with all five fields, as upstream serialises them', () => {
    for (const key of Object.values(R)) {
      for (const c of toTable(key, [], { now: NOW }).columnDefinitions as Col[]) {
        expect(Object.keys(c).sort()).toEqual(['description', 'format', 'name', 'priority', 'type']);
        expect(c.description).not.toBe('');
      }
    }
  });
});

describe('pods', () => {
  it('has the upstream columns', () => {
    expect(headers(R.pods)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*']);
  });

  it('prints a ready StatefulSet pod', () => {
    const pod = obj('Pod', 'web-0', 5 * M + 10 * S, {
      spec: { nodeName: 'kind-worker', containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] },
      status: {
        phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }],
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'nginx', ready: true, started: true, restartCount: 1, state: { running: { startedAt: ago(2 * M) } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * M) } } }],
      },
    });
    expect(cellsOf(R.pods, pod)).toEqual(['web-0', '1/1', 'Running', '1 (2m ago)', '5m10s', '10.244.1.5', 'kind-worker', '<none>', '<none>']);
  });

  it('prints the wide cells of upstream TestPrintPodwide', () => {
    const pod = obj('Pod', 'test1', 0, {
      spec: { containers: [{}, {}], nodeName: 'test1', readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }] },
      status: {
        phase: 'podPhase', podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }], nominatedNodeName: 'node1',
        conditions: [{ type: 'condition1', status: 'False' }, { type: 'condition2', status: 'True' }],
        containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }],
      },
    }, { creationTimestamp: undefined });
    expect(cellsOf(R.pods, pod)).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3']);
  });

  it('marks finished pods with the Completed row condition', () => {
    const done = (phase: string) => obj('Pod', 'job', M, { spec: { containers: [{}] }, status: { phase } });
    expect(rowsOf(R.pods, [done('Succeeded')])[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    expect(rowsOf(R.pods, [done('Failed')])[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    expect(rowsOf(R.pods, [done('Running')])[0]).not.toHaveProperty('conditions');
  });
});

describe('statefulsets and controllerrevisions', () => {
  const sts = obj('StatefulSet', 'web', 45 * S, {
    spec: { replicas: 3, serviceName: 'nginx', template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }, { name: 'sidecar', image: 'busybox:1.36' }] } } },
    status: { replicas: 3, readyReplicas: 2, currentReplicas: 3 },
  });

  it('prints READY as ready/desired', () => {
    expect(headers(R.statefulsets)).toEqual(['Name', 'Ready', 'Age', 'Containers*', 'Images*']);
    expect(cellsOf(R.statefulsets, sts)).toEqual(['web', '2/3', '45s', 'nginx,sidecar', 'registry.k8s.io/nginx-slim:0.24,busybox:1.36']);
    // readyReplicas is omitted while zero
    expect(cellsOf(R.statefulsets, { ...sts, status: { replicas: 0 } })[1]).toBe('0/3');
  });

  it('prints the owning controller of a revision', () => {
    const cr = obj('ControllerRevision', 'web-5d9f8b7c6', 45 * S, { revision: 2, data: {} }, {
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }],
    });
    expect(headers(R.controllerRevisions)).toEqual(['Name', 'Controller', 'Revision', 'Age']);
    expect(cellsOf(R.controllerRevisions, cr)).toEqual(['web-5d9f8b7c6', 'statefulset.apps/web', 2, '45s']);
    expect(cellsOf(R.controllerRevisions, { ...cr, metadata: { ...cr.metadata, ownerReferences: [] } })[1]).toBe('<none>');
  });
});

describe('services, endpoints, endpointslices', () => {
  it('prints a headless governing service', () => {
    const svc = obj('Service', 'nginx', 5 * M, {
      spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'nginx' } },
    });
    expect(headers(R.services)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
    expect(cellsOf(R.services, svc)).toEqual(['nginx', 'ClusterIP', 'None', '<none>', '80/TCP', '5m', 'app=nginx']);
  });

  it('prints node ports, load balancers and external IPs', () => {
    const np = obj('Service', 'np', M, { spec: { type: 'NodePort', clusterIPs: ['10.96.3.4'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } });
    expect(cellsOf(R.services, np)).toEqual(['np', 'NodePort', '10.96.3.4', '<none>', '80:30080/TCP,53/UDP', '60s', '<none>']);
    const lb = (status: unknown, externalIPs?: string[]) => obj('Service', 'lb', M, { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.20'], externalIPs, ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }], selector: { b: '2', a: '1' } }, status });
    expect(cellsOf(R.services, lb({ loadBalancer: {} }))).toEqual(['lb', 'LoadBalancer', '10.96.0.20', '<pending>', '443:31443/TCP', '60s', 'a=1,b=2']);
    // Upstream TestPrintServiceLoadBalancer: never clipped server-side (the table is always wide).
    expect(cellsOf(R.services, lb({ loadBalancer: { ingress: [{ ip: '3.4.5.6' }, { ip: '2.3.4.5' }, { ip: '5.6.7.8', hostname: 'host5678' }] } }))[3]).toBe('2.3.4.5,3.4.5.6,5.6.7.8');
    expect(cellsOf(R.services, lb({ loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } }, ['192.0.2.1']))[3]).toBe('lb.example.com,192.0.2.1');
    const ext = obj('Service', 'db', M, { spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(cellsOf(R.services, ext)).toEqual(['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '60s', '<none>']);
  });

  it('prints Endpoints as ip:port pairs, three at most', () => {
    const ep = (subsets?: unknown[]) => obj('Endpoints', 'nginx', 5 * M, subsets ? { subsets } : {});
    expect(headers(R.endpoints)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(cellsOf(R.endpoints, ep([{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }]))).toEqual(['nginx', '10.244.1.5:80,10.244.2.7:80', '5m']);
    const many = [{ addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3', 'fd00::4'].map((ip) => ({ ip })), ports: [{ port: 80 }, { port: 443 }] }];
    expect(cellsOf(R.endpoints, ep(many))[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 5 more...');
    expect(cellsOf(R.endpoints, ep([{ addresses: [{ ip: 'fd00::4' }], ports: [{ port: 80 }] }]))[1]).toBe('[fd00::4]:80');
    expect(cellsOf(R.endpoints, ep())[1]).toBe('<none>');
  });

  it('prints EndpointSlices', () => {
    const slice = (endpoints: unknown[], ports: unknown[]) => obj('EndpointSlice', 'nginx-7xk2p', 5 * M, { addressType: 'IPv4', ports, endpoints });
    const five = ['10.244.1.5', '10.244.2.7', '10.244.1.6', '10.244.2.8', '10.244.1.9'].map((ip) => ({ addresses: [ip], conditions: { ready: true } }));
    expect(headers(R.endpointSlices)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    expect(cellsOf(R.endpointSlices, slice(five, [{ name: 'web', port: 80, protocol: 'TCP' }]))).toEqual(['nginx-7xk2p', 'IPv4', '80', '10.244.1.5,10.244.2.7,10.244.1.6 + 2 more...', '5m']);
    expect(cellsOf(R.endpointSlices, slice([], [{ name: 'web' }, {}]))).toEqual(['nginx-7xk2p', 'IPv4', 'web,*', '<unset>', '5m']);
    expect(cellsOf(R.endpointSlices, slice([], []))[2]).toBe('<unset>');
  });
});

describe('storage', () => {
  const pvc = (name: string, created: number, bound: boolean, meta: Record<string, unknown> = {}) => obj('PersistentVolumeClaim', name, created, {
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', ...(bound ? { volumeName: 'pvc-3f2c1e0a' } : {}) },
    status: bound ? { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } : { phase: 'Pending' },
  }, meta);

  it('prints claims as in §7.3', () => {
    expect(headers(R.pvcs)).toEqual(['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode*']);
    expect(cellsOf(R.pvcs, pvc('www-web-0', 5 * M, true))).toEqual(['www-web-0', 'Bound', 'pvc-3f2c1e0a', '1Gi', 'RWO', 'standard', '<unset>', '5m', 'Filesystem']);
    expect(cellsOf(R.pvcs, pvc('www-web-1', 3 * S, false))).toEqual(['www-web-1', 'Pending', '', '', '', 'standard', '<unset>', '3s', 'Filesystem']);
    expect(cellsOf(R.pvcs, pvc('www-web-2', M, true, { deletionTimestamp: ago(0) }))[1]).toBe('Terminating');
  });

  it('prints volumes', () => {
    const pv = obj('PersistentVolume', 'pvc-3f2c1e0a', 5 * M, {
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem', claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0' } },
      status: { phase: 'Bound' },
    }, { namespace: undefined, annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } });
    expect(headers(R.pvs)).toEqual(['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode*']);
    expect(cellsOf(R.pvs, pv)).toEqual(['pvc-3f2c1e0a', '1Gi', 'RWO,RWX', 'Delete', 'Bound', 'default/www-web-0', 'standard', '<unset>', '', '5m', 'Filesystem']);
    const released = { ...pv, spec: { ...(pv.spec as object), claimRef: undefined, volumeMode: undefined }, status: { phase: 'Released', reason: 'Reclaiming' } };
    expect(cellsOf(R.pvs, released).slice(4)).toEqual(['Released', '', 'standard', '<unset>', 'Reclaiming', '5m', '<unset>']);
  });

  it('prints storage classes, marking the default one', () => {
    const sc = obj('StorageClass', 'standard', 10 * D, { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' }, {
      namespace: undefined, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    });
    expect(headers(R.storageClasses)).toEqual(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
    expect(cellsOf(R.storageClasses, sc)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '10d']);
    const plain = obj('StorageClass', 'fast', D, { provisioner: 'example.com/ssd', allowVolumeExpansion: true }, { namespace: undefined });
    expect(cellsOf(R.storageClasses, plain)).toEqual(['fast', 'example.com/ssd', 'Delete', 'Immediate', true, '24h']);
  });
});

describe('events', () => {
  it('has the upstream columns', () => {
    expect(headers(R.events)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']);
  });

  it('prints a controller event and a kubelet event', () => {
    const created = obj('Event', 'web.1829a1b2c3d4e5f6', 5 * M, {
      involvedObject: { kind: 'StatefulSet', namespace: 'default', name: 'web', apiVersion: 'apps/v1' },
      reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful\n', type: 'Normal',
      source: { component: 'statefulset-controller' }, firstTimestamp: ago(5 * M), lastTimestamp: ago(4 * M), count: 3,
    });
    expect(cellsOf(R.events, created)).toEqual(['4m', 'Normal', 'SuccessfulCreate', 'statefulset/web', '', 'statefulset-controller', 'create Pod web-0 in StatefulSet web successful', '5m', 3, 'web.1829a1b2c3d4e5f6']);
    const pulled = obj('Event', 'web-0.1829a1b2c3d4e5f7', 30 * S, {
      involvedObject: { kind: 'Pod', name: 'web-0', fieldPath: 'spec.containers{nginx}' }, reason: 'Pulled', type: 'Normal',
      message: 'Container image "registry.k8s.io/nginx-slim:0.24" already present on machine',
      source: { component: 'kubelet', host: 'kind-worker' }, firstTimestamp: ago(30 * S), lastTimestamp: ago(30 * S),
    });
    expect(cellsOf(R.events, pulled)).toEqual(['30s', 'Normal', 'Pulled', 'pod/web-0', 'spec.containers{nginx}', 'kubelet, kind-worker', 'Container image "registry.k8s.io/nginx-slim:0.24" already present on machine', '30s', 1, 'web-0.1829a1b2c3d4e5f7']);
  });

  it('falls back to eventTime, series and reporting fields of events.k8s.io events', () => {
    const ev = obj('Event', 'node.1', 10 * M, {
      involvedObject: { kind: 'Node', name: '' }, reason: 'Rebooted', type: 'Warning', message: 'rebooted',
      eventTime: ago(10 * M), firstTimestamp: null, lastTimestamp: null,
      series: { count: 4, lastObservedTime: ago(90 * S) }, reportingComponent: 'kubelet', reportingInstance: 'kind-worker',
    });
    expect(cellsOf(R.events, ev)).toEqual(['90s', 'Warning', 'Rebooted', 'node', '', 'kubelet, kind-worker', 'rebooted', '10m', 4, 'node.1']);
  });
});

describe('namespaces, nodes, serviceaccounts, configmaps', () => {
  it('prints namespaces', () => {
    expect(headers(R.namespaces)).toEqual(['Name', 'Status', 'Age']);
    expect(cellsOf(R.namespaces, obj('Namespace', 'default', 10 * D, { status: { phase: 'Active' } }, { namespace: undefined }))).toEqual(['default', 'Active', '10d']);
  });

  it('prints nodes with roles and wide details', () => {
    const node = obj('Node', 'kind-control-plane', 10 * D, {
      spec: {},
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'kind-control-plane' }],
        nodeInfo: { kubeletVersion: 'v1.34.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-45-generic', containerRuntimeVersion: 'containerd://2.1.3' },
      },
    }, { namespace: undefined, labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master', 'kubernetes.io/hostname': 'kind-control-plane' } });
    expect(headers(R.nodes)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP*', 'External-IP*', 'OS-Image*', 'Kernel-Version*', 'Container-Runtime*']);
    expect(cellsOf(R.nodes, node)).toEqual(['kind-control-plane', 'Ready', 'control-plane,master', '10d', 'v1.34.0', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-45-generic', 'containerd://2.1.3']);
    const cordoned = obj('Node', 'kind-worker', D, { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }, { namespace: undefined });
    expect(cellsOf(R.nodes, cordoned)).toEqual(['kind-worker', 'NotReady,SchedulingDisabled', '<none>', '24h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
    expect(cellsOf(R.nodes, obj('Node', 'new', S, {}, { namespace: undefined }))[1]).toBe('Unknown');
  });

  it('prints service accounts and config maps with counts', () => {
    expect(headers(R.serviceAccounts)).toEqual(['Name', 'Secrets', 'Age']);
    expect(cellsOf(R.serviceAccounts, obj('ServiceAccount', 'default', 10 * D))).toEqual(['default', 0, '10d']);
    expect(cellsOf(R.serviceAccounts, obj('ServiceAccount', 'builder', D, { secrets: [{ name: 'builder-token' }] }))).toEqual(['builder', 1, '24h']);
    expect(headers(R.configMaps)).toEqual(['Name', 'Data', 'Age']);
    expect(cellsOf(R.configMaps, obj('ConfigMap', 'kube-root-ca.crt', 10 * D, { data: { 'ca.crt': '-----BEGIN CERTIFICATE-----' } }))).toEqual(['kube-root-ca.crt', 1, '10d']);
    expect(cellsOf(R.configMaps, obj('ConfigMap', 'mixed', M, { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }))).toEqual(['mixed', 3, '60s']);
  });
});
