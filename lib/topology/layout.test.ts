import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { COLUMN_WIDTH as W, ROW_HEIGHT as H, layoutTopology } from './layout.ts';
import { NOW, aPod, aStatefulSet } from './testdata/builders.ts';
import { IP, boundStorage, sceneInput, seededScene } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';

const seeded = () => buildTopology(sceneInput(seededScene()), { now: NOW });

describe('layoutTopology', () => {
  it('puts the set and Service on top, pods in an ordinal row, PVCs and PVs under their pods', () => {
    expect(layoutTopology(seeded())).toEqual({
      'StatefulSet/default/web': { x: 0, y: 0 },
      'Service/default/nginx': { x: W, y: 0 },
      'Pod/default/web-0': { x: 0, y: H },
      'Pod/default/web-1': { x: W, y: H },
      'PersistentVolumeClaim/default/www-web-0': { x: 0, y: 2 * H },
      'PersistentVolumeClaim/default/www-web-1': { x: W, y: 2 * H },
      'PersistentVolume/pvc-00000000-www': { x: 0, y: 3 * H },
      'PersistentVolume/pvc-00000001-www': { x: W, y: 3 * H },
    });
  });

  it('does not move anything when statuses change', () => {
    const scene = seededScene();
    const sts = scene.statefulSet;
    const broken = buildTopology(sceneInput({ ...scene, pods: [aPod(sts, 0).containerCreating().build(), aPod(sts, 1).crashLoop(IP(1), 3).terminating().build()] }), { now: NOW });
    expect(broken.nodes.map((n) => n.status)).not.toEqual(seeded().nodes.map((n) => n.status));
    expect(layoutTopology(broken)).toEqual(layoutTopology(seeded()));
  });

  it('keeps a pod where its placeholder was', () => {
    const scene = seededScene();
    const waiting = buildTopology(sceneInput({ ...scene, pods: [aPod(scene.statefulSet, 0).containerCreating().build()], pvcs: [], pvs: [] }), { now: NOW });
    const before = layoutTopology(waiting);
    const after = layoutTopology(seeded());
    for (const id of Object.keys(before)) expect(after[id]).toEqual(before[id]);
  });

  it('does not depend on the order of nodes', () => {
    const t = seeded();
    expect(layoutTopology({ nodes: [...t.nodes].reverse() })).toEqual(layoutTopology(t));
  });

  it('wraps large sets into bands of 12 pods, each with its storage rows', () => {
    const ordinals = Array.from({ length: 14 }, (_, i) => i);
    const sts = aStatefulSet('web').replicas(14).withClaimTemplate('www').build();
    const t = buildTopology(sceneInput({
      statefulSet: sts, pods: ordinals.map((o) => aPod(sts, o).ready(`10.244.2.${o}`).build()),
      services: [aService('nginx').build()], ...boundStorage('web', ordinals),
    }), { now: NOW });
    const pos = layoutTopology(t);
    expect(pos['Pod/default/web-11']).toEqual({ x: 11 * W, y: H });
    // Band 2 starts below band 1's pod, PVC and PV rows.
    expect(pos['Pod/default/web-12']).toEqual({ x: 0, y: 4 * H });
    expect(pos['PersistentVolumeClaim/default/www-web-13']).toEqual({ x: W, y: 5 * H });
    expect(pos['PersistentVolume/pvc-000000013-www']).toEqual({ x: W, y: 6 * H });
    expect(layoutTopology(t, { columns: 7 })['Pod/default/web-7']).toEqual({ x: 0, y: 4 * H });
  });

  it('stacks one row per claim template', () => {
    const sts = aStatefulSet('web').replicas(1).withClaimTemplate('www').withClaimTemplate('logs').build();
    const t = buildTopology(sceneInput({ statefulSet: sts, services: [aService('nginx').build()] }), { now: NOW });
    const pos = layoutTopology(t);
    expect(pos['PersistentVolumeClaim/default/www-web-0']).toEqual({ x: 0, y: 2 * H });
    expect(pos['PersistentVolumeClaim/default/logs-web-0']).toEqual({ x: 0, y: 3 * H });
  });
});
