// Objects the embedded cluster starts with: the system namespaces, the `kubernetes` Service, and
// (unless --empty) the workshop's `web`/`nginx` example in namespace `default`
// (workshop-flows.md), created through the same admission path as any client request.

import type { KubeObject } from '../kube/types.ts';
import { admitCreate } from './api/admission.ts';
import { RESOURCES, R } from './resources.ts';
import type { Store } from './store/store.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export const WORKSHOP_SERVICE: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
  spec: { ports: [{ port: 80, name: 'web' }], clusterIP: 'None', selector: { app: 'nginx' } },
};

export const WORKSHOP_STATEFULSET: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        containers: [{
          name: 'nginx',
          image: 'nginx:1.9.1',
          ports: [{ containerPort: 80, name: 'web' }],
          volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
        }],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
};

function createIfAbsent(store: Store, key: string, obj: KubeObject): void {
  if (store.get(key, obj.metadata.namespace, obj.metadata.name!)) return;
  const def = RESOURCES.find((r) => r.key === key)!;
  store.create(key, admitCreate(store, def, structuredClone(obj)));
}

export function seedSystem(store: Store): void {
  for (const name of SYSTEM_NAMESPACES) createIfAbsent(store, R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  createIfAbsent(store, R.services, {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
}

export function seedWorkshop(store: Store): void {
  createIfAbsent(store, R.services, WORKSHOP_SERVICE);
  createIfAbsent(store, R.statefulsets, WORKSHOP_STATEFULSET);
}
