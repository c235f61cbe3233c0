// Test support for the StatefulSet controller's scenario tests: the test cluster of testing.ts
// (kubelet, storage, EndpointSlices, GC on a ManualClock) plus the `default` namespace, the
// StatefulSet controller, writes that go through the API server's admission (defaults,
// validation, initial status) as kubectl's would, and a log of pod lifecycle transitions so
// tests can assert the order a `kubectl get pods -w` would show. Not used by product code.

import type { KubeObject } from '../../kube/types.ts';
import { admitCreate, admitUpdate } from '../api/admission.ts';
import { R, RESOURCES } from '../resources.ts';
import { ANN_NEVER_READY } from './pod-stages.ts';
import { isPodReady, ordinalOf, type Pod, type StatefulSet } from './statefulset-model.ts';
import { startStatefulSetController, type StatefulSetController } from './statefulset.ts';
import { aService, newTestCluster, type TestCluster, type TestClusterOptions } from './testing.ts';

export interface StsCluster extends TestCluster {
  sts: StatefulSetController;
  /** POST through admission (defaults, validation, initial status). */
  apiCreate<T extends KubeObject>(resource: string, obj: T): T;
  /** Read-modify-PUT through admission; status is kept as stored (as a PUT of the object does). */
  apiUpdate(resource: string, name: string, mutate: (obj: KubeObject) => void, namespace?: string): KubeObject;
  set(name?: string): StatefulSet;
  scale(replicas: number, name?: string): void;
  setImage(image: string, name?: string): void;
  /** kubectl delete pod (graceful). */
  deletePod(name: string): void;
  /** Sets or (value undefined) removes an annotation on a live pod. */
  annotatePod(name: string, key: string, value: string | undefined): void;
  setReadiness(name: string, ready: boolean): void;
  /** Pod names in the store, by ordinal. */
  podNames(): string[];
  readyNames(): string[];
  /** Lifecycle log: "create web-0", "ready web-0", "delete web-0" (deletionTimestamp set), "gone web-0". */
  log: string[];
  events(involvedName?: string): KubeObject[];
}

export interface WebSetOptions {
  name?: string;
  replicas?: number;
  policy?: 'OrderedReady' | 'Parallel';
  image?: string;
  claims?: boolean;
  spec?: Record<string, unknown>;
  /** Extra pod spec fields of the template. */
  podSpec?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

/** The workshop's `web` StatefulSet: serviceName nginx, app=nginx, claim template www (1Gi RWO). */
export function webSet(o: WebSetOptions = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: o.name ?? 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas: o.replicas ?? 3,
      podManagementPolicy: o.policy,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' }, ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: {
          terminationGracePeriodSeconds: 10,
          ...(o.podSpec ?? {}),
          containers: [{ name: 'nginx', image: o.image ?? 'nginx:1.9.1', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: o.claims === false ? undefined : [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
        },
      },
      volumeClaimTemplates: o.claims === false ? undefined : [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...(o.spec ?? {}),
    },
  };
}

function defOf(resource: string) {
  const def = RESOURCES.find((r) => r.key === resource);
  if (!def) throw new Error(`unknown resource ${resource}`);
  return def;
}

function watchLifecycle(c: TestCluster, log: string[]): void {
  c.store.subscribe((ch) => {
    if (ch.resource !== R.pods) return;
    const name = ch.object.metadata.name;
    const pod = ch.object as Pod;
    const old = ch.old as Pod | undefined;
    if (ch.type === 'ADDED') log.push(`create ${name}`);
    else if (ch.type === 'DELETED') log.push(`gone ${name}`);
    else if (pod.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) log.push(`delete ${name}`);
    if (ch.type !== 'DELETED' && isPodReady(pod) && !(old && isPodReady(old))) log.push(`ready ${name}`);
  });
}

export function newStsCluster(opts: TestClusterOptions = {}): StsCluster {
  const c = newTestCluster(opts);
  const { store, clock } = c;
  const apiCreate = <T extends KubeObject>(resource: string, obj: T): T => {
    const o = structuredClone(obj) as T;
    admitCreate(store, defOf(resource), o);
    return store.create(resource, o) as T;
  };
  apiCreate(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const log: string[] = [];
  watchLifecycle(c, log);
  const sts = startStatefulSetController(store, { clock });

  const apiUpdate = (resource: string, name: string, mutate: (obj: KubeObject) => void, namespace = 'default') => {
    const old = store.get(resource, namespace, name);
    if (!old) throw new Error(`${resource} ${name} not found`);
    const next = structuredClone(old) as KubeObject;
    mutate(next);
    admitUpdate(defOf(resource), next, old);
    return store.update(resource, next);
  };
  const podNames = () => (store.list(R.pods, 'default') as Pod[]).sort((a, b) => ordinalOf(a) - ordinalOf(b)).map((p) => p.metadata.name!);
  const annotatePod = (name: string, key: string, value: string | undefined) => {
    apiUpdate(R.pods, name, (p) => {
      const a = { ...(p.metadata.annotations ?? {}) };
      if (value === undefined) delete a[key];
      else a[key] = value;
      p.metadata.annotations = a;
    });
  };

  return {
    ...c,
    sts,
    apiCreate,
    apiUpdate,
    log,
    stop: () => {
      sts.stop();
      c.stop();
    },
    set: (name = 'web') => store.get(R.statefulsets, 'default', name) as StatefulSet,
    scale: (replicas, name = 'web') => void apiUpdate(R.statefulsets, name, (s) => { (s as StatefulSet).spec.replicas = replicas; }),
    setImage: (image, name = 'web') => void apiUpdate(R.statefulsets, name, (s) => { (s as StatefulSet).spec.template!.spec!.containers = [{ ...((s as StatefulSet).spec.template!.spec!.containers as object[])[0], image }]; }),
    deletePod: (name) => void store.delete(R.pods, 'default', name),
    annotatePod,
    setReadiness: (name, ready) => annotatePod(name, ANN_NEVER_READY, ready ? undefined : 'true'),
    podNames,
    readyNames: () => podNames().filter((n) => isPodReady(store.get(R.pods, 'default', n) as Pod)),
  };
}

/** A cluster with the headless Service `nginx` and the `web` set (options as webSet). */
export function startWeb(o: WebSetOptions = {}, cluster: TestClusterOptions = {}): StsCluster {
  const c = newStsCluster(cluster);
  c.apiCreate(R.services, aService());
  c.apiCreate(R.statefulsets, webSet(o));
  return c;
}

/** The set has observed its spec, every replica is ready, and no rollout is in progress. */
export function settled(c: StsCluster, name = 'web'): boolean {
  const set = c.set(name);
  const s = set?.status;
  const want = set?.spec.replicas ?? 1;
  return (
    !!s &&
    s.observedGeneration === set.metadata.generation &&
    s.replicas === want &&
    (s.readyReplicas ?? 0) === want &&
    (s.updatedReplicas ?? 0) === want &&
    s.currentRevision === s.updateRevision &&
    c.podNames().length === want
  );
}

/** Steps time until settled (see settled). */
export function waitSettled(c: StsCluster, name = 'web', maxMs = 120_000): number {
  return c.advanceUntil(() => settled(c, name), maxMs);
}
