import { describe, expect, it } from 'vitest';
import { buildTopology } from '../topology/build-topology.ts';
import { aPod, NOW } from '../topology/testdata/builders.ts';
import { IP, sceneInput, seededScene } from '../topology/testdata/scenarios.ts';
import type { TopologyModel } from '../topology/types.ts';
import { applyModelPatch, applyTopologyPatch, diffTopology } from './topology-patch.ts';

// A small seeded PRNG (mulberry32) so failures reproduce.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

// Random models: list items drawn from a small id pool (so pairs share, lose and gain items),
// shuffled, with a few fields that vary. The patch code only relies on ids and plain JSON.
function randomModel(r: () => number): TopologyModel {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const subset = (ids: string[]) => ids.filter(() => r() < 0.6).sort(() => r() - 0.5);
  const item = (id: string) => ({ id, status: pick(['Running', 'Pending', 'Terminating']), n: pick([0, 1, 2]), tags: subset(['a', 'b']), note: pick([null, 'x']) });
  const ids = (prefix: string) => Array.from({ length: 6 }, (_, i) => `${prefix}/default/web-${i}`);
  return {
    statefulSet: { id: 'StatefulSet/default/web', ready: pick(['1/3', '2/3', '3/3']), replicas: { desired: pick([1, 2, 3]) } },
    pods: subset(ids('Pod')).map(item),
    service: pick([null, { id: 'Service/default/nginx', lookup: subset(['10.0.0.1', '10.0.0.2']) }]),
    claims: subset(ids('PersistentVolumeClaim')).map(item),
    explanations: subset(['scaling up', 'waiting for web-1', 'rollout done']),
    warningEvents: pick([[], [{ nodeId: 'Pod/default/web-1', reason: 'BackOff', message: 'm', count: pick([1, 2]), lastSeen: null, past: null }]]),
    pvAccess: pick(['ok', 'forbidden'] as const),
  } as unknown as TopologyModel;
}

describe('diffTopology / applyTopologyPatch', () => {
  it('apply(a, diff(a, b)) deep-equals b for random pairs, without touching a', () => {
    const r = prng(42);
    for (let i = 0; i < 1000; i++) {
      const a = deepFreeze(randomModel(r));
      const b = randomModel(r);
      const patch = diffTopology(a, b);
      const out = patch ? applyModelPatch(a, patch) : a;
      expect(out).toEqual(b);
      // The patch survives the wire (JSON) unchanged in meaning.
      if (patch) expect(applyModelPatch(a, JSON.parse(JSON.stringify(patch)))).toEqual(b);
    }
  });

  it('finds nothing to send between equal models', () => {
    const r = prng(7);
    for (let i = 0; i < 200; i++) {
      const a = randomModel(r);
      expect(diffTopology(a, structuredClone(a))).toBeNull();
    }
  });

  it('keeps the identity of every item that did not change', () => {
    const r = prng(3);
    const a = randomModel(r);
    const b = structuredClone(a);
    if (b.pods.length === 0) b.pods.push(...randomModel(r).pods);
    (b.pods[0] as unknown as { status: string }).status = 'Changed';
    const out = applyModelPatch(a, diffTopology(a, b)!);
    expect(out).toEqual(b);
    expect(out.claims).toBe(a.claims);
    expect(out.statefulSet).toBe(a.statefulSet);
    out.pods.slice(1).forEach((p, i) => { if (a.pods[i + 1]) expect(p).toBe(a.pods[i + 1]); });
  });

  it('sends only the pod that changed when one pod stops being Ready', () => {
    const scene = seededScene();
    const before = buildTopology(sceneInput(scene), { now: NOW });
    const web1 = aPod(scene.statefulSet, 1).running(IP(1), 'node-2').build();
    const after = buildTopology({ ...sceneInput({ ...scene, pods: [scene.pods![0], web1] }), previous: before }, { now: NOW });
    const patch = diffTopology(before, after)!;
    expect(patch.pods?.upsert.map((p) => p.name)).toEqual(['web-1']);
    expect(patch.pods?.remove).toEqual([]);
    expect(patch.pods?.order).toBeNull();
    const applied = applyTopologyPatch(before, patch);
    expect(applied).toEqual(after);
    // The graph is derived again on the receiving side; web-1's node still says Running, so the
    // node and edge lists are the very same objects and React Flow redraws nothing but the card.
    expect(applied.nodes).toBe(before.nodes);
    expect(applied.edges).toBe(before.edges);
  });

  it('orders pods by ordinal after a scale-up adds one', () => {
    const scene = seededScene();
    const before = buildTopology(sceneInput(scene), { now: NOW });
    const sts = structuredClone(scene.statefulSet);
    (sts.spec as { replicas: number }).replicas = 3;
    const after = buildTopology(sceneInput({ ...scene, statefulSet: sts }), { now: NOW });
    const patch = diffTopology(before, after)!;
    expect(patch.statefulSet).toBeDefined();
    const applied = applyTopologyPatch(before, patch);
    expect(applied).toEqual(after);
    expect(applied.pods.map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });
});
