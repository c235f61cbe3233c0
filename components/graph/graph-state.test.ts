import { describe, expect, it } from 'vitest';
import { applyTopologyPatch, diffTopology } from '../../lib/stream/topology-patch.ts';
import type { Topology } from '../../lib/topology/types.ts';
import { largeSet, scaledToThree, seeded, web1Recreating } from '../testdata/topologies.ts';
import { CARD_HEIGHT, CARD_WIDTH, COMPACT_ABOVE, TILE_HEIGHT, TILE_WIDTH } from './card-grid.ts';
import type { TopologyFlowNode } from './flow-types.ts';
import { advanceGraphState } from './graph-state.ts';

function patched(a: Topology, b: Topology): Topology {
  const p = diffTopology(a, b);
  if (!p) throw new Error('expected a change');
  return applyTopologyPatch(a, p);
}

const byId = (nodes: readonly TopologyFlowNode[], id: string) => {
  const n = nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

describe('advanceGraphState', () => {
  it('uses the topology ids as React Flow ids, with data-status / data-ready on the node wrapper', () => {
    const g = advanceGraphState(null, seeded(), null);
    expect(g.nodes.map((n) => n.id)).toContain('Pod/default/web-0');
    expect(g.nodes.map((n) => n.id)).toContain('PersistentVolume/pvc-00000000-www');
    expect(byId(g.nodes, 'Pod/default/web-0').domAttributes).toMatchObject({ 'data-status': 'Running', 'data-ready': 'true', 'data-recreated': 'false' });
    expect(byId(g.nodes, 'PersistentVolumeClaim/default/www-web-0').domAttributes).toMatchObject({ 'data-status': 'Bound' });
    expect(byId(g.nodes, 'Pod/default/web-0').ariaLabel).toBe('Pod web-0: Running, ready 1/1');
  });

  it('a status change moves nothing and re-creates only the changed card', () => {
    const a = seeded();
    const g1 = advanceGraphState(null, a, null);
    const b = patched(a, web1Recreating(a));
    const g2 = advanceGraphState(g1, b, null);
    expect(g2.positions).toBe(g1.positions);
    expect(byId(g2.nodes, 'Pod/default/web-0')).toBe(byId(g1.nodes, 'Pod/default/web-0'));
    const web1 = byId(g2.nodes, 'Pod/default/web-1');
    expect(web1).not.toBe(byId(g1.nodes, 'Pod/default/web-1'));
    expect(web1.position).toBe(byId(g1.nodes, 'Pod/default/web-1').position);
    expect(web1.domAttributes).toMatchObject({ 'data-status': 'Pending', 'data-ready': 'false', 'data-recreated': 'true' });
  });

  it('keeps the size React Flow measured when a card changes', () => {
    const a = seeded();
    const g1 = advanceGraphState(null, a, null);
    const measuredNodes = g1.nodes.map((n) => ({ ...n, measured: { width: 300, height: 200 } }) as TopologyFlowNode);
    const g2 = advanceGraphState({ ...g1, nodes: measuredNodes }, patched(a, web1Recreating(a)), null);
    expect(byId(g2.nodes, 'Pod/default/web-1').measured).toEqual({ width: 300, height: 200 });
  });

  it('returns the same state for the same topology and selection', () => {
    const t = seeded();
    const g = advanceGraphState(null, t, null);
    expect(advanceGraphState(g, t, null)).toBe(g);
  });

  it('selection changes only the selected flags, not the data', () => {
    const t = seeded();
    const g1 = advanceGraphState(null, t, null);
    const g2 = advanceGraphState(g1, t, 'Pod/default/web-1');
    expect(byId(g2.nodes, 'Pod/default/web-1').selected).toBe(true);
    expect(byId(g2.nodes, 'Pod/default/web-1').data).toBe(byId(g1.nodes, 'Pod/default/web-1').data);
    expect(byId(g2.nodes, 'Pod/default/web-0')).toBe(byId(g1.nodes, 'Pod/default/web-0'));
    expect(g2.positions).toBe(g1.positions);
  });

  it('a replay highlight changes only the highlighted node(s): a class and data-replay, same data and positions', () => {
    const t = seeded();
    const g1 = advanceGraphState(null, t, null);
    const g2 = advanceGraphState(g1, t, null, 'Pod/default/web-1');
    const web1 = byId(g2.nodes, 'Pod/default/web-1');
    expect(web1.className).toContain('replay-highlight');
    expect(web1.domAttributes).toMatchObject({ 'data-replay': 'true', 'data-status': 'Running' });
    expect(web1.data).toBe(byId(g1.nodes, 'Pod/default/web-1').data);
    expect(byId(g2.nodes, 'Pod/default/web-0')).toBe(byId(g1.nodes, 'Pod/default/web-0'));
    expect(g2.positions).toBe(g1.positions);
    const g3 = advanceGraphState(g2, t, null, 'Pod/default/web-0');
    expect(byId(g3.nodes, 'Pod/default/web-1').className).toBeUndefined();
    expect(byId(g3.nodes, 'Pod/default/web-1').domAttributes).not.toHaveProperty('data-replay');
    expect(byId(g3.nodes, 'Pod/default/web-0').domAttributes).toMatchObject({ 'data-replay': 'true' });
  });

  it('lays out again when the set of nodes changes (scale up), keeping web-0 where it was', () => {
    const g1 = advanceGraphState(null, seeded(), null);
    const g2 = advanceGraphState(g1, scaledToThree(), null);
    expect(g2.nodeSetKey).not.toBe(g1.nodeSetKey);
    expect(g2.positions).not.toBe(g1.positions);
    expect(g2.positions['Pod/default/web-0']).toEqual(g1.positions['Pod/default/web-0']);
    expect(byId(g2.nodes, 'Pod/default/web-2').domAttributes).toMatchObject({ 'data-status': 'NotCreated', 'data-ready': 'false' });
  });

  it('pods sit in one row by ordinal, and no two cards overlap', () => {
    const g = advanceGraphState(null, scaledToThree(), null);
    const pods = ['web-0', 'web-1', 'web-2'].map((p) => g.positions[`Pod/default/${p}`]);
    expect(new Set(pods.map((p) => p.y)).size).toBe(1);
    expect(pods[0].x).toBeLessThan(pods[1].x);
    expect(pods[1].x).toBeLessThan(pods[2].x);
    for (const a of g.nodes) {
      for (const b of g.nodes) {
        if (a === b) continue;
        const upper = a.position.y <= b.position.y ? a : b;
        const apart = Math.abs(a.position.x - b.position.x) >= CARD_WIDTH || Math.abs(a.position.y - b.position.y) >= CARD_HEIGHT[upper.type as keyof typeof CARD_HEIGHT];
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('draws every relation as a labelled edge between the two cards', () => {
    const g = advanceGraphState(null, seeded(), null);
    const edge = g.edges.find((e) => e.source === 'Service/default/nginx' && e.target === 'Pod/default/web-1');
    expect(edge).toMatchObject({ data: { label: 'selects' }, type: 'labelled', sourceHandle: 'bottom', targetHandle: 'top-selects', selectable: false });
    expect(g.edges.find((e) => e.data?.label === 'serviceName')).toMatchObject({ sourceHandle: 'right', targetHandle: 'left' });
    expect(new Set(g.edges.map((e) => e.data?.label))).toEqual(new Set(['serviceName', 'owns', 'selects', 'mounts', 'bound']));
  });

  it(`draws a set of more than ${COMPACT_ABOVE} pods as tiles on a wide grid that fits a 16:9 screen, without overlaps`, () => {
    const g = advanceGraphState(null, largeSet(300), null);
    expect(g.density).toBe('compact');
    const types = new Map(g.nodes.map((n) => [n.id, n.type]));
    expect(types.get('StatefulSet/default/web')).toBe('StatefulSet');
    expect(types.get('Service/default/nginx')).toBe('Service');
    expect(types.get('Pod/default/web-299')).toBe('Compact');
    expect(types.get('PersistentVolumeClaim/default/www-web-0')).toBe('Compact');
    // Tiles come pre-sized, with their connection points, so edges route before any measurement.
    expect(byId(g.nodes, 'Pod/default/web-7')).toMatchObject({
      width: TILE_WIDTH, height: TILE_HEIGHT.Pod, measured: { width: TILE_WIDTH, height: TILE_HEIGHT.Pod },
      handles: [{ type: 'target', position: 'top', y: 0 }, { type: 'source', position: 'bottom', y: TILE_HEIGHT.Pod - 1 }],
    });
    // Fan-out edges are plain lines; the sideways serviceName edge keeps its label.
    expect(g.edges.find((e) => e.data?.label === 'owns')).toMatchObject({ type: 'straight' });
    expect(g.edges.find((e) => e.data?.label === 'serviceName')).toMatchObject({ type: 'labelled' });
    const xs = g.nodes.map((n) => n.position.x);
    const ys = g.nodes.map((n) => n.position.y);
    const aspect = (Math.max(...xs) - Math.min(...xs) + TILE_WIDTH) / (Math.max(...ys) - Math.min(...ys) + TILE_HEIGHT.PersistentVolume);
    expect(aspect).toBeGreaterThan(1);
    expect(aspect).toBeLessThan(3);
    const tiles = g.nodes.filter((n) => n.type === 'Compact');
    const cells = new Set(tiles.map((n) => `${n.position.x},${n.position.y}`));
    expect(cells.size).toBe(tiles.length);
    const rows = [...new Set(tiles.map((n) => n.position.y))].sort((a, b) => a - b);
    for (let i = 1; i < rows.length; i++) expect(rows[i] - rows[i - 1]).toBeGreaterThanOrEqual(TILE_HEIGHT.Pod);
  });

  it('switches between cards and tiles when a scale crosses the threshold, and re-lays out', () => {
    const small = advanceGraphState(null, largeSet(COMPACT_ABOVE), null);
    expect(small.density).toBe('full');
    const big = advanceGraphState(small, largeSet(COMPACT_ABOVE + 1), null);
    expect(big.density).toBe('compact');
    expect(byId(big.nodes, 'Pod/default/web-0').type).toBe('Compact');
    expect(big.positions).not.toBe(small.positions);
  });
});
