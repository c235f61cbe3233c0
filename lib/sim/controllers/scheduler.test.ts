import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { decideNode, type ClaimInfo, type SchedulingInput } from './scheduler.ts';
import { simNode } from './sim-nodes.ts';
import { aPod } from './testing.ts';

const nodes = [1, 2, 3].map((i) => simNode(i, 0));
const input = (over: Partial<SchedulingInput> = {}): SchedulingInput => ({ nodes, claims: [], load: () => 0, chosen: () => 0, ...over });
const boundClaim = (node: string): ClaimInfo => ({
  claimName: 'www-web-0',
  pvc: { metadata: { name: 'www-web-0' }, status: { phase: 'Bound' } },
  pv: { metadata: { name: 'pv' }, spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } },
});
const cordon = (n: KubeObject): KubeObject => ({ ...n, spec: { ...(n.spec as object), unschedulable: true } });

describe('decideNode', () => {
  it('picks the least loaded node, then the least often chosen, then by name', () => {
    expect(decideNode(aPod('p'), input())).toEqual({ ok: true, node: 'sim-node-1' });
    expect(decideNode(aPod('p'), input({ load: (n) => (n === 'sim-node-1' ? 1 : 0) }))).toEqual({ ok: true, node: 'sim-node-2' });
    expect(decideNode(aPod('p'), input({ chosen: (n) => (n === 'sim-node-3' ? 0 : 1) }))).toEqual({ ok: true, node: 'sim-node-3' });
  });

  it('follows a local volume to its node, and explains when that node is cordoned', () => {
    expect(decideNode(aPod('p'), input({ claims: [boundClaim('sim-node-2')] }))).toEqual({ ok: true, node: 'sim-node-2' });
    const v = decideNode(aPod('p'), input({ nodes: [nodes[0], cordon(nodes[1]), nodes[2]], claims: [boundClaim('sim-node-2')] }));
    expect(v).toEqual({
      ok: false,
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    });
  });

  it('reports scheduling gates and a PVC being deleted', () => {
    const gated = aPod('p');
    gated.spec!.schedulingGates = [{ name: 'example.com/wait' }];
    expect(decideNode(gated, input())).toMatchObject({ ok: false, reason: 'SchedulingGated' });
    const deleting: ClaimInfo = { claimName: 'c', pvc: { metadata: { name: 'c', deletionTimestamp: '2026-01-01T00:00:00Z' } } };
    expect(decideNode(aPod('p'), input({ claims: [deleting] }))).toMatchObject({ ok: false, message: expect.stringContaining('persistentvolumeclaim "c" is being deleted') });
  });

  it('puts no pod on a node that already runs its allocatable pods (kubelet max-pods, 110 on a kind node)', () => {
    const load = (full: string[]) => (n: string) => (full.includes(n) ? 110 : 109);
    expect(decideNode(aPod('p'), input({ load: load(['sim-node-1', 'sim-node-2']) }))).toEqual({ ok: true, node: 'sim-node-3' });
    expect(decideNode(aPod('p'), input({ load: load(['sim-node-1', 'sim-node-2', 'sim-node-3']) }))).toEqual({
      ok: false,
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    });
    // Each node counts once, for the first filter it fails; preemption tells the two kinds apart.
    const v = decideNode(aPod('p'), input({ nodes: [cordon(nodes[0]), nodes[1], nodes[2]], load: load(['sim-node-1', 'sim-node-2', 'sim-node-3']) }));
    expect(v).toMatchObject({
      message: '0/3 nodes are available: 1 node(s) were unschedulable, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
    // A node that states a smaller capacity holds fewer.
    const small = { ...nodes[0], status: { ...(nodes[0].status as object), allocatable: { pods: '2' } } };
    expect(decideNode(aPod('p'), input({ nodes: [small], load: () => 2 }))).toMatchObject({ ok: false, message: expect.stringContaining('1 Too many pods') });
  });
});
