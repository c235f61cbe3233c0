import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { modelOf, withGraph } from './graph.ts';
import { aPod, NOW } from './testdata/builders.ts';
import { IP, sceneInput, seededScene } from './testdata/scenarios.ts';

describe('withGraph', () => {
  it('derives from the model alone the graph buildTopology built from the cluster objects', () => {
    const t = buildTopology(sceneInput(seededScene()), { now: NOW });
    // What the browser gets over the wire (JSON, no graph) turns into the same topology.
    expect(withGraph(JSON.parse(JSON.stringify(modelOf(t))))).toEqual(t);
    expect(t.edges.map((e) => e.id)).toEqual([
      'serviceName:StatefulSet/default/web->Service/default/nginx',
      'owns:StatefulSet/default/web->Pod/default/web-0',
      'owns:StatefulSet/default/web->Pod/default/web-1',
      'selects:Service/default/nginx->Pod/default/web-0',
      'selects:Service/default/nginx->Pod/default/web-1',
      'mounts:Pod/default/web-0->PersistentVolumeClaim/default/www-web-0',
      'mounts:Pod/default/web-1->PersistentVolumeClaim/default/www-web-1',
      'bound:PersistentVolumeClaim/default/www-web-0->PersistentVolume/pvc-00000000-www',
      'bound:PersistentVolumeClaim/default/www-web-1->PersistentVolume/pvc-00000001-www',
    ]);
  });

  it('keeps every node and edge object that did not change, and replaces the ones that did', () => {
    const scene = seededScene();
    const before = buildTopology(sceneInput(scene), { now: NOW });
    const crashing = aPod(scene.statefulSet, 1).crashLoop(IP(1), 3).build();
    const after = withGraph(modelOf(buildTopology(sceneInput({ ...scene, pods: [scene.pods![0], crashing] }), { now: NOW })), before);
    expect(after.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => `${n.id} ${n.status}`)).toEqual(['Pod/default/web-1 CrashLoopBackOff']);
    expect(after.edges).toBe(before.edges);
    // Nothing changed at all: the very same lists.
    const again = withGraph(modelOf(after), after);
    expect(again.nodes).toBe(after.nodes);
    expect(again.edges).toBe(after.edges);
  });

  it('derives a node from the same model part once, and again when the part or the set around it changes', () => {
    const t = buildTopology(sceneInput(seededScene()), { now: NOW });
    const model = modelOf(t);
    // No previous topology to share with: the pod nodes are still the ones made from these parts.
    const fresh = withGraph(model);
    const podNodes = (x: typeof t) => x.nodes.filter((n) => n.kind === 'Pod');
    expect(podNodes(fresh).every((n, i) => n === podNodes(t)[i])).toBe(true);
    // A changed part (a new object) gets a node of its own.
    const pods = model.pods.map((p, i) => (i === 1 && !p.placeholder ? { ...p, kubectl: { ...p.kubectl, status: 'Terminating' } } : p));
    const changed = withGraph({ ...model, pods });
    expect(podNodes(changed)[0]).toBe(podNodes(t)[0]);
    expect(podNodes(changed)[1]).toMatchObject({ status: 'Terminating' });
    // The same part in another namespace's set is another node.
    const moved = withGraph({ ...model, statefulSet: { ...model.statefulSet, namespace: 'other' } });
    expect(podNodes(moved).map((n) => n.namespace)).toEqual(['other', 'other']);
  });

  it('draws no owns edge to an orphan and no mounts edge to a claim the pod does not name; the Service still selects it', () => {
    const scene = seededScene();
    const orphan = aPod(scene.statefulSet, 1).ready(IP(1)).build();
    orphan.metadata.ownerReferences = [];
    (orphan.spec as { volumes: unknown[] }).volumes = [];
    const t = buildTopology(sceneInput({ ...scene, pods: [scene.pods![0], orphan] }), { now: NOW });
    const web1 = t.edges.filter((e) => e.target === 'Pod/default/web-1' || e.source === 'Pod/default/web-1');
    expect(web1.map((e) => e.id)).toEqual(['selects:Service/default/nginx->Pod/default/web-1']);
    expect(t.nodes.some((n) => n.id === 'PersistentVolumeClaim/default/www-web-1')).toBe(true);
  });

  it('rebuilds the edges when a fact they come from changes, and only then', () => {
    const t = buildTopology(sceneInput(seededScene()), { now: NOW });
    const web1 = t.pods[1];
    if (web1.placeholder) throw new Error('expected a pod');
    const notReady = withGraph({ ...modelOf(t), pods: [t.pods[0], { ...web1, ready: false }] }, t);
    expect(notReady.edges).toBe(t.edges);
    const dropped = withGraph({ ...modelOf(t), pods: [t.pods[0], { ...web1, hasEndpoint: false }] }, t);
    expect(dropped.edges.map((e) => e.id)).not.toContain('selects:Service/default/nginx->Pod/default/web-1');
    expect(dropped.edges.length).toBe(t.edges.length - 1);
    expect(withGraph(modelOf(dropped), t)).toEqual(dropped);
  });
});
