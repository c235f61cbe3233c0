import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { applyDefaults } from './defaults.ts';
import { applyStrategicMergePatch, PatchError } from './patch.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The workshop StatefulSet as the server stores it (defaulted). */
function webSts(): Any {
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', finalizers: ['a.example/x', 'b.example/y'] },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.9.1',
              ports: [{ containerPort: 80, name: 'web' }],
              volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
            },
            { name: 'sidecar', image: 'busybox:1.28.4' },
          ],
          tolerations: [{ key: 'k', operator: 'Exists' }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
  applyDefaults('statefulsets.apps', sts);
  return sts;
}

const smp = (doc: Any, patch: unknown, kind = 'StatefulSet') => applyStrategicMergePatch(doc, patch, kind) as Any;
const podSpec = (o: Any) => o.spec.template.spec;

function patchError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PatchError);
    return (e as Error).message;
  }
  throw new Error('expected a PatchError');
}

describe('applyStrategicMergePatch', () => {
  it('changes one container image by name and keeps everything else', () => {
    const before = webSts();
    const out = smp(before, { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }] } } } });
    expect(podSpec(out).containers.map((c: Any) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.9.1'], ['sidecar', 'busybox:1.36']]);
    expect(podSpec(out).containers[0].ports).toEqual(podSpec(before).containers[0].ports);
    expect(out.spec.replicas).toBe(2);
    expect(podSpec(before).containers[1].image).toBe('busybox:1.28.4');
  });

  it('adds a container port (merge key containerPort) without dropping the existing one', () => {
    const out = smp(webSts(), { spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 443, name: 'https' }] }] } } } });
    // Upstream puts items new to the list before the live ones when no $setElementOrder is sent.
    expect(podSpec(out).containers[0].ports.map((p: Any) => p.containerPort)).toEqual([443, 80]);
  });

  it('replaces the template when the patch says $patch: replace (kubectl rollout undo)', () => {
    const live = webSts();
    podSpec(live).containers[0].env = [{ name: 'DEBUG', value: '1' }];
    const revisionData = {
      spec: {
        template: {
          $patch: 'replace',
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.8' }], dnsPolicy: 'ClusterFirst' },
        },
      },
    };
    const out = smp(live, revisionData);
    expect(out.spec.template).toEqual({ metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.8' }], dnsPolicy: 'ClusterFirst' } });
    expect(out.spec.serviceName).toBe('nginx');
    expect(out.spec.volumeClaimTemplates).toEqual(live.spec.volumeClaimTemplates);
  });

  it('deletes a list element with $patch: delete', () => {
    const out = smp(webSts(), { spec: { template: { spec: { containers: [{ $patch: 'delete', name: 'sidecar' }] } } } });
    expect(podSpec(out).containers.map((c: Any) => c.name)).toEqual(['nginx']);
  });

  it('deletes a map with $patch: delete and keys with null', () => {
    const out = smp(webSts(), { metadata: { labels: null }, spec: { updateStrategy: { rollingUpdate: { $patch: 'delete' } }, minReadySeconds: null, replicas: 5 } });
    expect(out.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: {} });
    expect('minReadySeconds' in out.spec).toBe(false);
    expect(out.spec.replicas).toBe(5);
    const cleared = smp(webSts(), { spec: { template: { metadata: { labels: { app: null, tier: 'web' } } } } });
    expect(cleared.spec.template.metadata.labels).toEqual({ tier: 'web' });
  });

  it('orders a merged list by $setElementOrder, keeping server-only items in place', () => {
    const live = webSts();
    podSpec(live).containers.push({ name: 'injected', image: 'mesh:1' });
    const out = smp(live, {
      spec: { template: { spec: {
        '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }, { name: 'new' }],
        containers: [{ name: 'new', image: 'new:1' }],
      } } },
    });
    expect(podSpec(out).containers.map((c: Any) => c.name)).toEqual(['sidecar', 'nginx', 'new', 'injected']);
  });

  it('rejects a patch list whose order contradicts $setElementOrder', () => {
    expect(patchError(() => smp(webSts(), { spec: { template: { spec: {
      '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
      containers: [{ name: 'sidecar', image: 'a' }, { name: 'nginx', image: 'b' }],
    } } } }))).toMatch(/doesn't match \$setElementOrder\/containers/);
  });

  it('applies the 3-way patch kubectl apply sends for an image change of the workshop StatefulSet', () => {
    const lastApplied = '{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}},"serviceName":"nginx","template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80,"name":"web"}],"volumeMounts":[{"mountPath":"/usr/share/nginx/html","name":"www"}]}]}},"volumeClaimTemplates":[{"metadata":{"name":"www"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}\n';
    const patch = JSON.parse(`{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":${JSON.stringify(lastApplied)}}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}`);
    const live = webSts();
    podSpec(live).containers.pop();
    const out = smp(live, patch);
    expect(podSpec(out).containers).toHaveLength(1);
    expect(podSpec(out).containers[0]).toEqual({ ...podSpec(live).containers[0], image: 'nginx:1.25' });
    expect(out.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(lastApplied);
    const { template: _t, ...restOut } = out.spec;
    const { template: _l, ...restLive } = live.spec;
    expect(restOut).toEqual(restLive);
  });

  it('removes a port the way kubectl apply does (nested $setElementOrder and $patch: delete)', () => {
    const live = webSts();
    podSpec(live).containers[0].ports.push({ containerPort: 443, name: 'https', protocol: 'TCP' });
    const out = smp(live, JSON.parse('{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],"containers":[{"$setElementOrder/ports":[{"containerPort":80}],"name":"nginx","ports":[{"$patch":"delete","containerPort":443}]}]}}}}'));
    expect(podSpec(out).containers[0].ports.map((p: Any) => p.containerPort)).toEqual([80]);
    expect(podSpec(out).containers.map((c: Any) => c.name)).toEqual(['nginx', 'sidecar']);
  });

  it('merges finalizers as a set and deletes with $deleteFromPrimitiveList', () => {
    const out = smp(webSts(), { metadata: { finalizers: ['c.example/z', 'a.example/x'], '$deleteFromPrimitiveList/finalizers': ['b.example/y'] } });
    expect(out.metadata.finalizers).toEqual(['c.example/z', 'a.example/x']);
    const reordered = smp(webSts(), { metadata: { '$setElementOrder/finalizers': ['b.example/y', 'a.example/x'] } });
    expect(reordered.metadata.finalizers).toEqual(['b.example/y', 'a.example/x']);
  });

  it('clears keys missing from $retainKeys (volume source switch)', () => {
    const pod = { metadata: { name: 'p' }, spec: { volumes: [{ name: 'data', emptyDir: {} }], containers: [] } };
    const out = applyStrategicMergePatch(pod, { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cfg' } }] } }, 'Pod') as Any;
    expect(out.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cfg' } }]);
    expect(patchError(() => applyStrategicMergePatch(pod, { spec: { volumes: [{ $retainKeys: ['name'], name: 'data', secret: {} }] } }, 'Pod'))).toMatch(/retainKeys/);
  });

  it('replaces lists without a merge strategy (tolerations, volumeClaimTemplates)', () => {
    const out = smp(webSts(), { spec: { template: { spec: { tolerations: [{ key: 'other', operator: 'Exists' }] } } } });
    expect(podSpec(out).tolerations).toEqual([{ key: 'other', operator: 'Exists' }]);
  });

  it('merges Service ports by port and pod conditions by type', () => {
    const svc = { metadata: { name: 'nginx' }, spec: { ports: [{ port: 80, name: 'web' }, { port: 443, name: 'https' }] } };
    const out = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 8443 }] } }, 'services') as Any;
    expect(out.spec.ports).toEqual([{ port: 80, name: 'web' }, { port: 443, name: 'https', targetPort: 8443 }]);
    const pod = { metadata: { name: 'p' }, status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } };
    const ready = applyStrategicMergePatch(pod, { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'Pod') as Any;
    expect(ready.status.conditions).toEqual([{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }]);
  });

  it('merges ownerReferences by uid for any kind', () => {
    const cm = { metadata: { name: 'c', ownerReferences: [{ uid: '1', name: 'a' }] }, data: { k: 'v' } };
    const out = applyStrategicMergePatch(cm, { metadata: { ownerReferences: [{ uid: '2', name: 'b' }] }, data: { k2: 'v2' } }, 'ConfigMap') as Any;
    expect(out.metadata.ownerReferences.map((r: Any) => r.uid)).toEqual(['2', '1']);
    expect(out.data).toEqual({ k: 'v', k2: 'v2' });
  });

  it('scales through the Scale kind', () => {
    expect(applyStrategicMergePatch({ spec: { replicas: 1 } }, { spec: { replicas: 4 } }, 'Scale')).toEqual({ spec: { replicas: 4 } });
  });

  it('reports malformed patches', () => {
    expect(patchError(() => smp(webSts(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }))).toMatch(/does not contain declared merge key: name/);
    expect(patchError(() => smp(webSts(), { spec: { $patch: 'explode' } }))).toMatch(/unknown patch type/);
    expect(patchError(() => smp(webSts(), [1]))).toMatch(/must be a JSON object/);
  });
});
