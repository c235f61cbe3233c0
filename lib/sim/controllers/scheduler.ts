// The simulated scheduler's decision for one pod, as a pure function: which node, or why none.
// It follows what default-scheduler's filters would say for the cases a workshop meets:
// scheduling gates, missing/terminating/unbound-immediate PVCs (VolumeBinding PreFilter),
// local PVs pinned to one node (VolumeBinding Filter), nodeSelector, cordoned nodes, full nodes. Scoring is
// "least loaded, then least often chosen, then by name", which spreads a StatefulSet's pods
// round-robin over the nodes and is deterministic.
// A node holds at most its status.allocatable.pods pods (NodeResourcesFit: "Too many pods"; a
// kind node, like the simulated ones, allows kubelet's default 110).
// Limits: no CPU/memory requests, affinity or taints; WaitForFirstConsumer binding is emulated the way the
// brief asks (the pod is scheduled first, the provisioner then binds; see storage.ts).

import type { KubeObject } from '../../kube/types.ts';
import { HOSTNAME_LABEL, MAX_PODS_PER_NODE, nodeSchedulable } from './sim-nodes.ts';

export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

export interface ClaimInfo {
  claimName: string;
  pvc?: KubeObject;
  /** The PVC's StorageClass; undefined when the PVC names none or it does not exist. */
  storageClass?: KubeObject;
  /** The PV the PVC is bound to, when it exists. */
  pv?: KubeObject;
}

export type Verdict =
  | { ok: true; node: string }
  | { ok: false; reason: 'Unschedulable' | 'SchedulingGated'; message: string };

export interface SchedulingInput {
  nodes: readonly KubeObject[];
  claims: readonly ClaimInfo[];
  /** Live pods already on the node. */
  load(node: string): number;
  /** How often the scheduler chose the node before (tie-breaker). */
  chosen(node: string): number;
}

/** The claim names a pod mounts, in volume order. */
export function podClaimNames(pod: KubeObject): string[] {
  const vols = (pod.spec as { volumes?: Array<{ persistentVolumeClaim?: { claimName?: string } }> } | undefined)?.volumes ?? [];
  return vols.map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => !!n);
}

export function claimPhase(pvc: KubeObject | undefined): string | undefined {
  return (pvc?.status as { phase?: string } | undefined)?.phase;
}

/** The storage class name a PVC asks for ("" means static binding only). */
export function claimClassName(pvc: KubeObject): string | undefined {
  return (pvc.spec as { storageClassName?: string } | undefined)?.storageClassName;
}

/** A PreFilter failure (the pod itself cannot run anywhere yet): evicting pods would not help. */
function unschedulable(total: number, why: string): Verdict {
  return failed(total, why, new Map([[NOT_HELPFUL, total]]));
}

/**
 * Every node failed a Filter: `reasons` counts the nodes per reason. Preemption, for a pod of the
 * same priority as every other (the default: no PriorityClass), finds pods it could evict on a
 * node full of pods but none of lower priority; on any other node evicting would not help.
 */
function filteredOut(total: number, reasons: ReadonlyMap<string, number>): Verdict {
  const full = reasons.get(TOO_MANY_PODS) ?? 0;
  return failed(total, histogram(reasons), new Map([[NO_VICTIMS, full], [NOT_HELPFUL, total - full]]));
}

function failed(total: number, why: string, preemption: ReadonlyMap<string, number>): Verdict {
  return {
    ok: false,
    reason: 'Unschedulable',
    message: `0/${total} nodes are available: ${why}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`,
  };
}

/** "<count> <reason>" for each reason with a count, sorted as default-scheduler sorts them. */
function histogram(counts: ReadonlyMap<string, number>): string {
  return [...counts].filter(([, k]) => k > 0).map(([r, k]) => `${k} ${r}`).sort().join(', ');
}

const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';
/** NodeResourcesFit's reason when the node already runs status.allocatable.pods pods. */
const TOO_MANY_PODS = 'Too many pods';

function podCapacity(node: KubeObject): number {
  const pods = Number((node.status as { allocatable?: { pods?: string } } | undefined)?.allocatable?.pods);
  // A Node that states no pod capacity gets kubelet's default.
  return Number.isInteger(pods) && pods >= 0 ? pods : MAX_PODS_PER_NODE;
}

function claimProblem(c: ClaimInfo): string | undefined {
  if (!c.pvc) return `persistentvolumeclaim "${c.claimName}" not found`;
  if (c.pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${c.claimName}" is being deleted`;
  if (claimPhase(c.pvc) === 'Bound') return undefined;
  const delayed = (c.storageClass as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer';
  return delayed ? undefined : 'pod has unbound immediate PersistentVolumeClaims';
}

/** The single node a claim pins the pod to (local PV node affinity or the selected node). */
function pinnedNode(c: ClaimInfo): string | undefined {
  type Affinity = { required?: { nodeSelectorTerms?: Array<{ matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> }> } };
  const aff = (c.pv?.spec as { nodeAffinity?: Affinity } | undefined)?.nodeAffinity;
  for (const term of aff?.required?.nodeSelectorTerms ?? []) {
    for (const e of term.matchExpressions ?? []) {
      if (e.key === HOSTNAME_LABEL && e.operator === 'In' && e.values?.length === 1) return e.values[0];
    }
  }
  return c.pvc?.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
}

function matchesNodeSelector(pod: KubeObject, node: KubeObject): boolean {
  const sel = (pod.spec as { nodeSelector?: Record<string, string> } | undefined)?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

export function decideNode(pod: KubeObject, input: SchedulingInput): Verdict {
  const gates = (pod.spec as { schedulingGates?: unknown[] } | undefined)?.schedulingGates;
  if (gates?.length) return { ok: false, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' };
  const total = input.nodes.length;
  if (total === 0) return { ok: false, reason: 'Unschedulable', message: 'no nodes available to schedule pods' };
  for (const c of input.claims) {
    const problem = claimProblem(c);
    if (problem) return unschedulable(total, problem);
  }
  const reasons = new Map<string, number>();
  const note = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const pins = input.claims.map(pinnedNode).filter((n): n is string => !!n);
  const candidates = input.nodes.filter((n) => {
    const name = n.metadata.name!;
    if (!nodeSchedulable(n)) return note('node(s) were unschedulable'), false;
    if (!matchesNodeSelector(pod, n)) return note("node(s) didn't match Pod's node affinity/selector"), false;
    if (input.load(name) >= podCapacity(n)) return note(TOO_MANY_PODS), false;
    if (pins.some((p) => p !== name)) return note('node(s) had volume node affinity conflict'), false;
    return true;
  });
  if (!candidates.length) return filteredOut(total, reasons);
  const score = (n: KubeObject) => [input.load(n.metadata.name!), input.chosen(n.metadata.name!)];
  candidates.sort((a, b) => {
    const [la, ca] = score(a);
    const [lb, cb] = score(b);
    return la - lb || ca - cb || (a.metadata.name! < b.metadata.name! ? -1 : 1);
  });
  return { ok: true, node: candidates[0].metadata.name! };
}
