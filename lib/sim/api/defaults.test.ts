import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { applyDefaults, defaultPodTemplateSpec } from './defaults.ts';
import { imageTag, podQOSClass } from './defaults-pod.ts';
import { WORKSHOP_STATEFULSET } from '../seed.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Go's json.Marshal of a map: sorted keys, compact. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** HashControllerRevision (FNV-1 32 over data + collisionCount, SafeEncodeString), statefulset-semantics.md §3.6. */
function revisionHash(template: Record<string, unknown>): string {
  const data = Buffer.from(goJson({ spec: { template: { ...template, $patch: 'replace' } } }) + '0');
  let h = 0x811c9dc5;
  for (const b of data) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return [...String(h)].map((c) => 'bcdfghjklmnpqrstvwxz2456789'[c.charCodeAt(0) % 27]).join('');
}

const vectorInput = () => JSON.parse('{"metadata":{"annotations":{"test":"value"},"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","name":"test"}]}}');
const vectorTemplate = '{"metadata":{"annotations":{"test":"value"},"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}';

/** The seeded workshop StatefulSet, as a client sends it (undefaulted). */
function workshopSts(): KubeObject {
  return structuredClone(WORKSHOP_STATEFULSET);
}

describe('pod template defaults', () => {
  it('default exactly the fields upstream does, so the revision hash matches the §3.6 vector', () => {
    const template = vectorInput();
    defaultPodTemplateSpec(template);
    expect(goJson(template)).toBe(vectorTemplate);
    expect(revisionHash(template)).toBe('776999688b');
  });

  it('are idempotent', () => {
    const template = vectorInput();
    defaultPodTemplateSpec(template);
    defaultPodTemplateSpec(template);
    expect(goJson(template)).toBe(vectorTemplate);
  });

  it('pick imagePullPolicy from the tag', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:1.9.1')).toBe('1.9.1');
    expect(imageTag('localhost:5000/nginx')).toBe('latest');
    expect(imageTag('nginx@sha256:abc')).toBe('');
    const t = { spec: { containers: [{ name: 'a', image: 'nginx:latest' }, { name: 'b', image: 'nginx:1.25' }, { name: 'c', image: 'r/x@sha256:ab' }, { name: 'd', image: 'x', imagePullPolicy: 'Never' }] } } as Any;
    defaultPodTemplateSpec(t);
    expect(t.spec.containers.map((c: Any) => c.imagePullPolicy)).toEqual(['Always', 'IfNotPresent', 'IfNotPresent', 'Never']);
  });

  it('default probes, ports, env field refs and volumes', () => {
    const t = {
      spec: {
        containers: [{
          name: 'a', image: 'a:1',
          ports: [{ containerPort: 80 }],
          env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          readinessProbe: { httpGet: { port: 80 } },
          livenessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
          lifecycle: { preStop: { httpGet: { port: 8080, path: '/quit' } } },
        }],
        volumes: [{ name: 'empty' }, { name: 'cm', configMap: { name: 'c' } }, { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }],
      },
    } as Any;
    defaultPodTemplateSpec(t);
    const c = t.spec.containers[0];
    expect(c.ports[0].protocol).toBe('TCP');
    expect(c.env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.lifecycle.preStop.httpGet).toEqual({ port: 8080, path: '/quit', scheme: 'HTTP' });
    expect(t.spec.volumes).toEqual([
      { name: 'empty', emptyDir: {} },
      { name: 'cm', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'tok', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }] } },
    ]);
  });
});

describe('applyDefaults', () => {
  it('defaults a StatefulSet as apps/v1 does with MaxUnavailableStatefulSet off', () => {
    const sts = workshopSts();
    applyDefaults(R.statefulsets, sts);
    const spec = sts.spec as Any;
    expect(spec.podManagementPolicy).toBe('OrderedReady');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec.replicas).toBe(2);
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(spec.template.spec.containers[0].ports[0].protocol).toBe('TCP');
    expect(spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('keeps what the user chose', () => {
    const sts = workshopSts();
    Object.assign(sts.spec as Any, { replicas: 0, podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' }, revisionHistoryLimit: 0 });
    applyDefaults(R.statefulsets, sts);
    const spec = sts.spec as Any;
    expect([spec.replicas, spec.podManagementPolicy, spec.revisionHistoryLimit]).toEqual([0, 'Parallel', 0]);
    expect(spec.updateStrategy).toEqual({ type: 'OnDelete' });
    const explicit = workshopSts();
    (explicit.spec as Any).updateStrategy = { type: 'RollingUpdate' };
    applyDefaults(R.statefulsets, explicit);
    expect((explicit.spec as Any).updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it('defaults a Pod with admission fields and status', () => {
    const pod: KubeObject = { metadata: { name: 'web-0', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } };
    applyDefaults(R.pods, pod);
    const spec = pod.spec as Any;
    expect(spec).toMatchObject({
      serviceAccountName: 'default', serviceAccount: 'default', enableServiceLinks: true, priority: 0,
      preemptionPolicy: 'PreemptLowerPriority', dnsPolicy: 'ClusterFirst', restartPolicy: 'Always',
      schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
    });
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    applyDefaults(R.pods, pod);
    expect(spec.tolerations).toHaveLength(2);
  });

  it('computes the QoS class and defaults requests from limits on pods only', () => {
    const guaranteed: KubeObject = { metadata: { name: 'g' }, spec: { containers: [{ name: 'a', image: 'a', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] } };
    applyDefaults(R.pods, guaranteed);
    expect((guaranteed.spec as Any).containers[0].resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect((guaranteed.status as Any).qosClass).toBe('Guaranteed');
    expect(podQOSClass({ containers: [{ resources: { requests: { cpu: '0.5' }, limits: { cpu: '1' } } }] })).toBe('Burstable');
    expect(podQOSClass({ containers: [{ resources: { requests: { memory: '1Gi' } } }] })).toBe('Burstable');
    const template = { spec: { containers: [{ name: 'a', image: 'a', resources: { limits: { cpu: '1' } } }] } } as Any;
    defaultPodTemplateSpec(template);
    expect(template.spec.containers[0].resources.requests).toBeUndefined();
  });

  it('defaults a headless Service and a ClusterIP Service', () => {
    const svc: KubeObject = { metadata: { name: 'nginx' }, spec: { ports: [{ port: 80, name: 'web' }], clusterIP: 'None', selector: { app: 'nginx' } } };
    applyDefaults(R.services, svc);
    expect(svc.spec).toEqual({
      ports: [{ port: 80, name: 'web', protocol: 'TCP', targetPort: 80 }], clusterIP: 'None', selector: { app: 'nginx' },
      type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    });
    const selectorless: KubeObject = { metadata: { name: 'ext' }, spec: { clusterIP: 'None' } };
    applyDefaults(R.services, selectorless);
    expect((selectorless.spec as Any).ipFamilyPolicy).toBe('RequireDualStack');
    const lb: KubeObject = { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443, targetPort: 'https' }] } };
    applyDefaults(R.services, lb);
    expect(lb.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
    expect((lb.spec as Any).ports[0].targetPort).toBe('https');
    const en: KubeObject = { metadata: { name: 'en' }, spec: { type: 'ExternalName', externalName: 'example.com' } };
    applyDefaults(R.services, en);
    expect(en.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });

  it('defaults PVCs, PVs, Namespaces, StorageClasses and EndpointSlices', () => {
    const pvc: KubeObject = { metadata: { name: 'www-web-0' }, spec: { accessModes: ['ReadWriteOnce'] } };
    applyDefaults(R.pvcs, pvc);
    expect([(pvc.spec as Any).volumeMode, (pvc.status as Any).phase]).toEqual(['Filesystem', 'Pending']);
    const pv: KubeObject = { metadata: { name: 'pv' }, spec: {} };
    applyDefaults(R.pvs, pv);
    expect(pv.spec).toEqual({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    const ns: KubeObject = { metadata: { name: 'shop' } };
    applyDefaults(R.namespaces, ns);
    expect(ns).toEqual({ metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    const finalized: KubeObject = { metadata: { name: 'shop' }, spec: { finalizers: [] } };
    applyDefaults(R.namespaces, finalized);
    expect((finalized.spec as Any).finalizers).toEqual([]);
    const sc: KubeObject = { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    applyDefaults(R.storageClasses, sc);
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'WaitForFirstConsumer']);
    const slice: KubeObject = { metadata: { name: 'nginx-abc' }, ports: [{ port: 80 }] };
    applyDefaults(R.endpointSlices, slice);
    expect(slice.ports).toEqual([{ port: 80, protocol: 'TCP', name: '' }]);
  });
});
