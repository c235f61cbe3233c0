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

  it(`draws a set of more than ${COMPACT_ABOVE} pods as one tile field on a grid that fits a 16:9 screen, without overlaps`, () => {
    const g = advanceGraphState(null, largeSet(300), null);
    expect(g.density).toBe('compact');
    // React Flow gets three nodes and one edge: the set and Service cards, the field, serviceName.
    expect(g.nodes.map((n) => n.type)).toEqual(['StatefulSet', 'Service', 'TileField']);
    expect(g.edges.map((e) => e.data?.label)).toEqual(['serviceName']);
    const field = g.field!;
    expect(field.tiles).toHaveLength(900);
    const web7 = field.tiles.find((t) => t.id === 'Pod/default/web-7')!;
    expect(web7).toMatchObject({ width: TILE_WIDTH, height: TILE_HEIGHT.Pod, status: 'Running', ready: '1/1', ariaLabel: 'Pod web-7: Running, ready 1/1' });
    expect(web7.attributes).toMatchObject({ 'data-kind': 'Pod', 'data-status': 'Running', 'data-ready': 'true' });
    // Every relation but serviceName is a line of the field, the fans from the cards included.
    expect(field.lines).toHaveLength(g.topology.edges.length - 1);
    expect(new Set(field.lines.map((l) => l.label))).toEqual(new Set(['owns', 'selects', 'mounts', 'bound']));
    const aspect = field.width / field.height;
    expect(aspect).toBeGreaterThan(1);
    expect(aspect).toBeLessThan(3);
    expect(new Set(field.tiles.map((t) => `${t.x},${t.y}`)).size).toBe(field.tiles.length);
    // The CSS grid tracks put every tile exactly at its x/y (the lines are drawn from x/y).
    const lineStarts = (template: string) => {
      const out = [0];
      for (const px of template.split(' ')) out.push(out[out.length - 1] + parseFloat(px));
      return out;
    };
    const [colStart, rowStart] = [lineStarts(field.grid.columns), lineStarts(field.grid.rows)];
    for (const t of field.tiles) expect([colStart[t.column - 1], rowStart[t.row - 1]], t.id).toEqual([t.x, t.y]);
    expect([colStart.at(-1), rowStart.at(-1)]).toEqual([field.width, field.height]);
    const rows = [...new Set(field.tiles.map((t) => t.y))].sort((a, b) => a - b);
    for (let i = 1; i < rows.length; i++) expect(rows[i] - rows[i - 1]).toBeGreaterThanOrEqual(TILE_HEIGHT.Pod);
    // The cards sit above the field.
    for (const c of g.nodes.filter((n) => n.type !== 'TileField')) expect(c.position.y).toBeLessThan(field.origin.y);
  });

  it('a status change in a large set replaces one tile and keeps the others and the lines', () => {
    const a = largeSet(100);
    const g1 = advanceGraphState(null, a, null);
    const b = patched(a, { ...a, pods: a.pods.map((p) => (p.name === 'web-42' && !p.placeholder ? { ...p, ready: false, kubectl: { ...p.kubectl, ready: '0/1' } } : p)) });
    const g2 = advanceGraphState(g1, b, null);
    const changed = g2.field!.tiles.filter((t, i) => t !== g1.field!.tiles[i]).map((t) => `${t.id} ${t.attributes['data-ready']}`);
    expect(changed).toEqual(['Pod/default/web-42 false']);
    expect(g2.field!.lines).toBe(g1.field!.lines);
    expect(g2.field!.anchors).toBe(g1.field!.anchors);
    expect(g2.positions).toBe(g1.positions);
    // Only the grid row holding web-42 is a new object: the page re-renders that row of tiles alone.
    const newRows = g2.field!.rows.filter((r, i) => r !== g1.field!.rows[i]);
    expect(newRows.map((r) => r.tiles.map((t) => t.id).includes('Pod/default/web-42'))).toEqual([true]);
    // Rows hold every tile once, on their own grid row, left to right.
    expect(g2.field!.rows.flatMap((r) => r.tiles).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...g2.field!.tiles].sort((a, b) => a.id.localeCompare(b.id)));
    for (const r of g2.field!.rows) {
      expect(r.tiles.every((t) => t.row === r.row)).toBe(true);
      expect(r.tiles.map((t) => t.column)).toEqual([...r.tiles.map((t) => t.column)].sort((a, b) => a - b));
    }
    // Selecting a tile changes the field node only.
    const g3 = advanceGraphState(g2, b, 'Pod/default/web-3');
    expect(g3.field).toBe(g2.field);
    expect(g3.nodes.slice(0, 2)).toEqual(g2.nodes.slice(0, 2));
  });

  it('switches between cards and tiles when a scale crosses the threshold, and re-lays out', () => {
    const small = advanceGraphState(null, largeSet(COMPACT_ABOVE), null);
    expect(small.density).toBe('full');
    const big = advanceGraphState(small, largeSet(COMPACT_ABOVE + 1), null);
    expect(big.density).toBe('compact');
    expect(big.nodes.some((n) => n.id === 'Pod/default/web-0')).toBe(false);
    expect(big.field?.tiles.some((t) => t.id === 'Pod/default/web-0')).toBe(true);
    expect(big.positions).not.toBe(small.positions);
    // A scale moves tiles: the anchors the lines are drawn from are new.
    const bigger = advanceGraphState(big, largeSet(COMPACT_ABOVE + 40), null);
    expect(bigger.field?.anchors).not.toBe(big.field?.anchors);
    expect(bigger.field?.anchors.get('Pod/default/web-80')).toBeDefined();
    const back = advanceGraphState(big, largeSet(COMPACT_ABOVE), null);
    expect(back.field).toBeNull();
    expect(byId(back.nodes, 'Pod/default/web-0').type).toBe('Pod');
  });

  it('counts the claims kept after a scale-down: 10 pods with the PVCs of 100 ordinals are tiles, not 200 cards', () => {
    const kept = advanceGraphState(null, largeSet(10, 100), null);
    expect(kept.density).toBe('compact');
    expect(kept.field?.tiles.filter((t) => t.kind === 'PersistentVolumeClaim')).toHaveLength(100);
    expect(kept.field?.tiles.filter((t) => t.kind === 'Pod')).toHaveLength(10);
    expect(advanceGraphState(null, largeSet(10, COMPACT_ABOVE), null).density).toBe('full');
  });

  it('gives a large set\'s set and Service cards a known size and the serviceName handles, so React Flow draws and fits them unmeasured', () => {
    const a = largeSet(100);
    const g = advanceGraphState(null, a, null);
    const sts = byId(g.nodes, 'StatefulSet/default/web');
    const svc = byId(g.nodes, 'Service/default/nginx');
    for (const card of [sts, svc]) {
      expect([card.width, card.height, card.measured]).toEqual([CARD_WIDTH, CARD_HEIGHT.StatefulSet, { width: CARD_WIDTH, height: CARD_HEIGHT.StatefulSet }]);
    }
    // Where React Flow would measure its 6 px handles: centred on the card's sides.
    const handle = (id: string) => {
      const h = sts.handles?.find((x) => x.id === id);
      return h && [h.type, h.x + (h.width ?? 0) / 2, h.y + (h.height ?? 0) / 2];
    };
    expect(handle('right')).toEqual(['source', CARD_WIDTH, CARD_HEIGHT.StatefulSet / 2]);
    expect(handle('bottom')).toEqual(['source', CARD_WIDTH / 2, CARD_HEIGHT.StatefulSet]);
    expect(svc.handles?.find((x) => x.id === 'left')).toMatchObject({ type: 'target', x: -3, y: CARD_HEIGHT.Service / 2 - 3 });
    // Every node of the graph has a size: React Flow's fit needs no measurement.
    expect(g.nodes.every((n) => n.measured?.width !== undefined && n.measured.height !== undefined)).toBe(true);
    // A pod's status change keeps both cards (same objects: no re-render).
    const b = patched(a, { ...a, pods: a.pods.map((p) => (p.name === 'web-7' && !p.placeholder ? { ...p, ready: false, kubectl: { ...p.kubectl, ready: '0/1' } } : p)) });
    const g2 = advanceGraphState(g, b, null);
    expect(byId(g2.nodes, sts.id)).toBe(sts);
    expect(byId(g2.nodes, svc.id)).toBe(svc);
    // Selecting the set's card keeps its size and handles.
    const selected = byId(advanceGraphState(g2, b, sts.id).nodes, sts.id);
    expect([selected.selected, selected.height, selected.handles]).toEqual([true, CARD_HEIGHT.StatefulSet, sts.handles]);
    // Back under the threshold, the cards are measured by React Flow again (their own height).
    const small = byId(advanceGraphState(g2, largeSet(COMPACT_ABOVE), null).nodes, sts.id);
    expect([small.width, small.height, small.handles, small.measured]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
