// Fluent builders for StatefulSets and their pods, shaped like objects a real API server returns
// (defaults filled in, §5.1) with fixed timestamps, so golden output never changes by itself.
// Test-only: product code never imports this folder.

import type { KubeObject } from '../../kube/types.ts';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
/** The `now` of every test: five minutes after T0. */
export const NOW = T0 + 5 * 60_000;
export const NS = 'default';

export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export interface ClaimTemplateOptions {
  storage?: string;
  accessModes?: string[];
  storageClassName?: string;
}

export class StatefulSetBuilder {
  obj: KubeObject;

  constructor(name: string) {
    this.obj = {
      apiVersion: 'apps/v1', kind: 'StatefulSet',
      metadata: { name, namespace: NS, uid: `uid-sts-${name}`, generation: 1, creationTimestamp: at(0) },
      spec: {
        replicas: 1, serviceName: 'nginx', podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'nginx' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] }] },
        },
        volumeClaimTemplates: [],
      },
      status: { observedGeneration: 1, replicas: 0, availableReplicas: 0, currentRevision: `${name}-5c8b7d9f4`, updateRevision: `${name}-5c8b7d9f4`, collisionCount: 0 },
    };
  }

  private get spec(): Record<string, unknown> { return this.obj.spec as Record<string, unknown>; }
  private get status(): Record<string, unknown> { return this.obj.status as Record<string, unknown>; }

  replicas(n: number): this { this.spec.replicas = n; return this; }
  serviceName(name: string): this { this.spec.serviceName = name; return this; }
  parallel(): this { this.spec.podManagementPolicy = 'Parallel'; return this; }
  ordinalsStart(start: number): this { this.spec.ordinals = { start }; return this; }
  minReadySeconds(s: number): this { this.spec.minReadySeconds = s; return this; }
  partition(p: number): this { this.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: p } }; return this; }
  onDelete(): this { this.spec.updateStrategy = { type: 'OnDelete' }; return this; }
  whenScaled(policy: 'Retain' | 'Delete'): this {
    this.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Retain', whenScaled: policy };
    return this;
  }
  withClaimTemplate(name: string, o: ClaimTemplateOptions = {}): this {
    const spec: Record<string, unknown> = {
      accessModes: o.accessModes ?? ['ReadWriteOnce'], resources: { requests: { storage: o.storage ?? '1Gi' } }, volumeMode: 'Filesystem',
    };
    if (o.storageClassName) spec.storageClassName = o.storageClassName;
    (this.spec.volumeClaimTemplates as unknown[]).push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec });
    return this;
  }
  /** status.currentRevision / updateRevision (full ControllerRevision names). */
  revisions(current: string, update: string): this {
    Object.assign(this.status, { currentRevision: current, updateRevision: update });
    return this;
  }
  /** Sets the counters the controller would write; unspecified ones keep their value. */
  counts(c: { replicas?: number; ready?: number; current?: number; updated?: number; available?: number }): this {
    const s = this.status;
    if (c.replicas !== undefined) s.replicas = c.replicas;
    if (c.ready !== undefined) s.readyReplicas = c.ready;
    if (c.current !== undefined) s.currentReplicas = c.current;
    if (c.updated !== undefined) s.updatedReplicas = c.updated;
    if (c.available !== undefined) s.availableReplicas = c.available;
    return this;
  }
  generation(generation: number, observed: number): this {
    this.obj.metadata.generation = generation;
    this.status.observedGeneration = observed;
    return this;
  }
  build(): KubeObject { return structuredClone(this.obj); }
}

export function aStatefulSet(name: string): StatefulSetBuilder {
  return new StatefulSetBuilder(name);
}

/** A pod as the StatefulSet controller creates it (§1.2), then moved along by the kubelet. */
export class PodBuilder {
  obj: KubeObject;
  /** Creation time in seconds after T0; status times are relative to it. */
  born: number;

  constructor(sts: KubeObject, ordinal: number) {
    const setName = sts.metadata.name ?? '';
    this.born = 10 * ordinal;
    const name = `${setName}-${ordinal}`;
    const spec = sts.spec as Record<string, unknown>;
    const template = spec.template as { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
    const claims = (spec.volumeClaimTemplates as Array<{ metadata: { name: string } }>).map((t) => ({
      name: t.metadata.name, persistentVolumeClaim: { claimName: `${t.metadata.name}-${name}` },
    }));
    this.obj = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name, generateName: `${setName}-`, namespace: NS, uid: `uid-${name}`, creationTimestamp: at(this.born),
        labels: {
          ...template.metadata.labels, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal),
          'controller-revision-hash': String((sts.status as Record<string, unknown>).updateRevision),
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: setName, uid: sts.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...structuredClone(template.spec), hostname: name, subdomain: spec.serviceName, volumes: claims },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
  }

  private get status(): Record<string, unknown> { return this.obj.status as Record<string, unknown>; }

  uid(uid: string): this { this.obj.metadata.uid = uid; return this; }
  revision(rev: string): this { (this.obj.metadata.labels ?? {})['controller-revision-hash'] = rev; return this; }
  createdAt(seconds: number): this { this.born = seconds; this.obj.metadata.creationTimestamp = at(seconds); return this; }
  labels(labels: Record<string, string>): this { this.obj.metadata.labels = labels; return this; }
  scheduled(node = 'node-1'): this {
    (this.obj.spec as Record<string, unknown>).nodeName = node;
    this.status.conditions = [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at(this.born + 1) }];
    return this;
  }
  containerCreating(node = 'node-1'): this {
    this.scheduled(node);
    this.setContainer({ state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false });
    this.setReady(false, 2);
    return this;
  }
  running(ip: string, node = 'node-1'): this {
    this.scheduled(node);
    Object.assign(this.status, { phase: 'Running', podIP: ip, podIPs: [{ ip }], hostIP: '172.18.0.2' });
    this.setContainer({ state: { running: { startedAt: at(this.born + 3) } }, ready: false, started: true });
    this.setReady(false, 3);
    return this;
  }
  /** Running and Ready since `sinceSeconds` after creation. */
  ready(ip: string, node = 'node-1', sinceSeconds = 5): this {
    this.running(ip, node);
    this.setContainer({ state: { running: { startedAt: at(this.born + 3) } }, ready: true, started: true });
    this.setReady(true, sinceSeconds);
    return this;
  }
  crashLoop(ip: string, restarts: number): this {
    this.running(ip);
    this.setContainer({
      state: { waiting: { reason: 'CrashLoopBackOff' } }, ready: false, started: false, restartCount: restarts,
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(270) } },
    });
    return this;
  }
  failed(reason = 'Evicted'): this { Object.assign(this.status, { phase: 'Failed', reason }); return this; }
  terminating(seconds = 280): this {
    this.obj.metadata.deletionTimestamp = at(seconds);
    this.obj.metadata.deletionGracePeriodSeconds = 30;
    return this;
  }
  build(): KubeObject { return structuredClone(this.obj); }

  private setContainer(s: Record<string, unknown>): void {
    this.status.containerStatuses = [{ name: 'nginx', image: 'nginx:1.9.1', restartCount: 0, ...s }];
  }
  private setReady(ready: boolean, seconds: number): void {
    const others = (this.status.conditions as Array<{ type: string }>).filter((c) => c.type === 'PodScheduled');
    const status = ready ? 'True' : 'False';
    this.status.conditions = [
      ...others,
      { type: 'Initialized', status: 'True', lastTransitionTime: at(this.born + 2) },
      { type: 'ContainersReady', status, lastTransitionTime: at(this.born + seconds) },
      { type: 'Ready', status, lastTransitionTime: at(this.born + seconds) },
    ];
  }
}

export function aPod(sts: KubeObject, ordinal: number): PodBuilder {
  return new PodBuilder(sts, ordinal);
}
