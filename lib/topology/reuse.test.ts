// buildModel with the previous model: parts whose objects did not change are the previous
// model's objects (so the server's diff and the browser skip them), and the result is always the
// model a build from scratch gives, including when a set-level fact or the time changed.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { buildModel } from './build-topology.ts';
import { withGraph } from './graph.ts';
import { stableUntil } from './model-horizon.ts';
import { modelNodeIds } from './node-ids.ts';
import { parseClaimName, claimName } from './ordinals.ts';
import { NOW, T0, aPod, aStatefulSet } from './testdata/builders.ts';
import { IP, boundStorage, sceneInput, type Scene } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';
import { aClaim, aStorageClass } from './testdata/storage-builders.ts';
import type { PodSlot, TopologyModel } from './types.ts';

const N = 20;
const sts = aStatefulSet('web').replicas(N).parallel().withClaimTemplate('www').counts({ replicas: N, ready: N, current: N, updated: N, available: N }).build();
const readyPods = () => Array.from({ length: N }, (_, o) => aPod(sts, o).ready(IP(o)).build());
const scene = (over: Partial<Scene> = {}): Scene => ({
  statefulSet: sts, pods: readyPods(), services: [aService('nginx').build()], ...boundStorage('web', [...Array(N).keys()]),
  storageClasses: [aStorageClass('standard', { isDefault: true, waitForFirstConsumer: true })], ...over,
});

/** What building from scratch gives: the previous model as a copy, which lends no object. */
function fromScratch(s: Scene, previous: TopologyModel, now = NOW): TopologyModel {
  return buildModel({ ...sceneInput(s), previous: structuredClone(previous) }, { now });
}

function rebuild(s: Scene, previous: TopologyModel, now = NOW): TopologyModel {
  const next = buildModel({ ...sceneInput(s), previous }, { now });
  expect(next).toEqual(fromScratch(s, previous, now));
  return next;
}

const kept = (a: readonly PodSlot[], b: readonly PodSlot[]) => b.filter((p, i) => p === a[i]).map((p) => p.name);

describe('buildModel: reuse of the previous model', () => {
  const before = scene();
  const first = buildModel(sceneInput(before), { now: NOW });

  it('keeps every other pod slot and the whole claims list when one pod turns unready', () => {
    // As in the namespace cache: unchanged objects are the same objects, a changed one is new.
    const pods = [...(before.pods ?? [])];
    pods[7] = aPod(sts, 7).running(IP(7)).build();
    const next = rebuild({ ...before, pods }, first);
    expect(kept(first.pods, next.pods)).toEqual(first.pods.map((p) => p.name).filter((n) => n !== 'web-7'));
    expect(next.pods[7]).toMatchObject({ name: 'web-7', ready: false, dnsPublished: false });
    expect(next.claims).toBe(first.claims);
  });

  it('rebuilds every slot when a fact all slots read changes: the Service is no longer headless', () => {
    const next = rebuild({ ...before, services: [aService('nginx').clusterIP('10.96.0.12').build()] }, first);
    expect(kept(first.pods, next.pods)).toEqual([]);
    expect(next.pods.every((p) => p.dnsReason === 'Service nginx is not headless')).toBe(true);
  });

  it('rebuilds the claim whose PVC or pod slot changed, and every claim when the StorageClasses changed', () => {
    const pvcs = [...(before.pvcs ?? [])];
    pvcs[3] = aClaim('www-web-3').bound('pvc-00000003-www').terminating().build();
    const next = rebuild({ ...before, pvcs }, first);
    expect(next.claims.filter((c, i) => c !== first.claims[i]).map((c) => [c.name, c.status])).toEqual([['www-web-3', 'Terminating']]);
    const pods = [...(before.pods ?? [])];
    pods[5] = aPod(sts, 5).build();
    const unscheduled = rebuild({ ...before, pods }, first);
    expect(unscheduled.claims.filter((c, i) => c !== first.claims[i]).map((c) => c.name)).toEqual(['www-web-5']);
    const classes = rebuild({ ...before, storageClasses: [...(before.storageClasses ?? []), aStorageClass('fast')] }, first);
    expect(classes.claims.some((c, i) => c === first.claims[i])).toBe(false);
  });

  it('lends nothing from a model that came over the wire (a copy), and gives the same model', () => {
    const next = buildModel({ ...sceneInput(before), previous: structuredClone(first) }, { now: NOW });
    expect(next).toEqual(first);
    expect(next.pods.some((p, i) => p === first.pods[i])).toBe(false);
  });
});

describe('buildModel: facts that change with time alone', () => {
  // web-0 Ready since T0+5s; with minReadySeconds 30 it is available after T0+35s, and
  // OrderedReady creates web-1 only then.
  const slow = aStatefulSet('web').replicas(2).minReadySeconds(30).counts({ replicas: 1, ready: 1, current: 1, updated: 1 }).build();
  const s: Scene = { statefulSet: slow, pods: [aPod(slow, 0).ready(IP(0), 'node-1', 5).build()], services: [aService('nginx').build()] };
  const availableAt = T0 + 35_000;
  const early = buildModel(sceneInput(s), { now: availableAt - 2_000 });

  it('says until when the model holds with no object changed: the instant web-0 becomes available', () => {
    expect(stableUntil(early)).toBe(availableAt);
    expect(early.pods.map((p) => (p.placeholder ? p.reason : p.available))).toEqual([false, 'waiting for web-0 to be Ready for minReadySeconds (30s) (OrderedReady)']);
  });

  it('reuses the slots before that instant, and rebuilds what it changes once it passed', () => {
    expect(kept(early.pods, rebuild(s, early, availableAt - 1_000).pods)).toEqual(['web-0', 'web-1']);
    const later = rebuild(s, early, availableAt + 1);
    expect(kept(early.pods, later.pods)).toEqual([]);
    expect(later.pods.map((p) => (p.placeholder ? p.reason : p.available))).toEqual([true, 'web-1 is being created']);
    expect(stableUntil(later)).toBe(Infinity);
  });

  it('always rebuilds a pod whose RESTARTS shows an age, and holds such a model only at its instant', () => {
    const crashing: Scene = { ...s, pods: [aPod(slow, 0).crashLoop(IP(0), 3).build()] };
    const m = buildModel(sceneInput(crashing), { now: NOW });
    expect(stableUntil(m)).toBe(NOW);
    const later = rebuild(crashing, m, NOW + 60_000);
    expect([m.pods[0], later.pods[0]].map((p) => (p.placeholder ? null : p.kubectl.restarts))).toEqual(['3 (30s ago)', '3 (90s ago)']);
  });

  it('holds for ever when nothing in it depends on time', () => {
    expect(stableUntil(buildModel(sceneInput(scene()), { now: NOW }))).toBe(Infinity);
  });
});

describe('modelNodeIds', () => {
  it('are the ids of the graph buildNodes draws, with or without the Service and volumes', () => {
    const bare: KubeObject = aStatefulSet('db').serviceName('').replicas(2).withClaimTemplate('data').build();
    for (const s of [scene(), { statefulSet: bare, pods: [aPod(bare, 0).build()], pvcs: [aClaim('data-db-0').build()] }]) {
      const model = buildModel(sceneInput(s), { now: NOW });
      expect([...modelNodeIds(model)].sort()).toEqual(withGraph(model).nodes.map((n) => n.id).sort());
    }
  });
});

describe('parseClaimName', () => {
  it('reads back what claimName writes, and nothing else', () => {
    for (const [template, set, o] of [['www', 'web', 0], ['data', 'my-db', 17], ['web-www', 'web', 3]] as const) {
      expect(parseClaimName(set, claimName(template, set, o))).toEqual({ template, ordinal: o });
    }
    for (const name of ['www-web-01', 'www-web-', 'www-db-1', 'www-web-1x', 'web-1', 'www-web-12345678901']) {
      expect(parseClaimName('web', name)).toBeNull();
    }
  });
});
