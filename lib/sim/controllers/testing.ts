// Test support for controller tests (also for the StatefulSet controller's): a store with
// deterministic uids and generated names, a ManualClock, the simulated cluster controllers of
// this folder, and small fixture builders. Not used by product code.

import type { KubeObject } from '../../kube/types.ts';
import { ManualClock } from '../clock.ts';
import { R } from '../resources.ts';
import { newClusterStore } from '../store/new-store.ts';
import type { Store } from '../store/store.ts';
import type { Speed } from './controller-kit.ts';
import { startEndpointSliceController } from './endpointslice.ts';
import { newEventRecorder, type EventRecorder } from './events.ts';
import { startGarbageCollector } from './garbage-collector.ts';
import { startKubelet, type Kubelet } from './kubelet.ts';
import type { Pod } from './pod-parts.ts';
import { startStorageController } from './storage.ts';

export type SimController = 'kubelet' | 'storage' | 'endpointslice' | 'gc';

export interface TestClusterOptions {
  speed?: Speed;
  /** Which controllers to run (default: all four). */
  controllers?: SimController[];
  /** Clock start (ms since epoch); default 2026-01-01T00:00:00Z. */
  start?: number;
}

export interface TestCluster {
  store: Store;
  clock: ManualClock;
  /** A recorder for the test's own controllers (component "test" unless given per call). */
  recorder: EventRecorder;
  /** Present when the kubelet runs. */
  kubelet?: Kubelet;
  advance(ms: number): void;
  /**
   * Steps the clock by `stepMs` until `predicate` holds; returns the elapsed ms. Throws after
   * `maxMs` so a broken controller fails the test instead of hanging it.
   */
  advanceUntil(predicate: () => boolean, maxMs?: number, stepMs?: number): number;
  pod(name: string, namespace?: string): Pod | undefined;
  /** Events, oldest first, optionally only those about one object name. */
  events(involvedName?: string): KubeObject[];
  stop(): void;
}

/** uuid-shaped, counting up: 00000000-0000-4000-8000-000000000001, ... */
export function sequentialUids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/** A small seeded PRNG (mulberry32) for generated names. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newTestCluster(opts: TestClusterOptions = {}): TestCluster {
  const clock = new ManualClock(opts.start);
  const store = newClusterStore({ clock, uid: sequentialUids(), random: seededRandom() });
  const which = new Set(opts.controllers ?? ['kubelet', 'storage', 'endpointslice', 'gc']);
  const running: Array<{ stop(): void }> = [];
  let kubelet: Kubelet | undefined;
  if (which.has('storage')) running.push(startStorageController(store, { clock, speed: opts.speed }));
  if (which.has('kubelet')) running.push((kubelet = startKubelet(store, { clock, speed: opts.speed })));
  if (which.has('endpointslice')) running.push(startEndpointSliceController(store, { clock }));
  if (which.has('gc')) running.push(startGarbageCollector(store, { clock }));
  const recorder = newEventRecorder(store, clock, { component: 'test' });

  return {
    store,
    clock,
    recorder,
    kubelet,
    advance: (ms) => clock.advance(ms),
    advanceUntil(predicate, maxMs = 60_000, stepMs = 50) {
      let elapsed = 0;
      while (!predicate()) {
        if (elapsed >= maxMs) throw new Error(`condition not reached within ${maxMs} ms of simulated time`);
        clock.advance(stepMs);
        elapsed += stepMs;
      }
      return elapsed;
    },
    pod: (name, namespace = 'default') => store.get(R.pods, namespace, name) as Pod | undefined,
    events(involvedName) {
      const all = store.list(R.events).filter((e) => !involvedName || (e.involvedObject as { name?: string }).name === involvedName);
      return all.sort((a, b) => String(a.metadata.name!.split('.').pop()).padStart(20, '0').localeCompare(String(b.metadata.name!.split('.').pop()).padStart(20, '0')));
    },
    stop: () => running.forEach((c) => c.stop()),
  };
}

export interface PodFixture {
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  image?: string;
  /** PVC names mounted as volumes. */
  claims?: string[];
  hostname?: string;
  subdomain?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  terminationGracePeriodSeconds?: number;
  ownerReferences?: KubeObject['metadata']['ownerReferences'];
}

/** A pod as the API server would store it right after create (phase Pending, no node). */
export function aPod(name: string, f: PodFixture = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: f.namespace ?? 'default',
      labels: f.labels ?? { app: 'nginx' },
      ...(f.annotations ? { annotations: f.annotations } : {}),
      ...(f.ownerReferences ? { ownerReferences: f.ownerReferences } : {}),
    },
    spec: {
      containers: [{ name: 'nginx', image: f.image ?? 'nginx:1.9.1', ports: f.ports ?? [{ name: 'web', containerPort: 80, protocol: 'TCP' }] }],
      ...(f.claims ? { volumes: f.claims.map((c, i) => ({ name: `vol${i}`, persistentVolumeClaim: { claimName: c } })) } : {}),
      ...(f.hostname ? { hostname: f.hostname } : {}),
      ...(f.subdomain ? { subdomain: f.subdomain } : {}),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: f.terminationGracePeriodSeconds ?? 30,
    },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

/** A PVC as stored after create (phase Pending). */
export function aPvc(name: string, f: { namespace?: string; storage?: string; storageClassName?: string; accessModes?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: f.namespace ?? 'default' },
    spec: {
      accessModes: f.accessModes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: f.storage ?? '1Gi' } },
      ...(f.storageClassName !== undefined ? { storageClassName: f.storageClassName } : {}),
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  };
}

/** The workshop's headless Service `nginx` (port `web` 80), or a variant. */
export function aService(name = 'nginx', f: { namespace?: string; selector?: Record<string, string>; headless?: boolean; publishNotReadyAddresses?: boolean; ports?: unknown[]; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: f.namespace ?? 'default', labels: f.labels ?? { app: 'nginx' } },
    spec: {
      selector: f.selector ?? { app: 'nginx' },
      clusterIP: f.headless === false ? '10.96.100.10' : 'None',
      clusterIPs: [f.headless === false ? '10.96.100.10' : 'None'],
      ports: f.ports ?? [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }],
      ...(f.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      type: 'ClusterIP',
      sessionAffinity: 'None',
    },
  };
}

/** A pod like the StatefulSet controller makes: hostname, subdomain, claim `www-<name>`. */
export function aStatefulPod(name: string, f: PodFixture & { set?: string; service?: string } = {}): Pod {
  return aPod(name, { hostname: name, subdomain: f.service ?? 'nginx', claims: [`www-${name}`], ...f });
}
