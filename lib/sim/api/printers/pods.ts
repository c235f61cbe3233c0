// Pods: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED NODE READINESS GATES), printPod.
// READY/STATUS/RESTARTS come from the shared lib/kube/pod-status.ts.

import type { KubeObject } from '../../../kube/types.ts';
import { podStatus, type PodConditionLike } from '../../../kube/pod-status.ts';
import { POD } from './descriptions.ts';
import { ageColumn, ageOf, column, nameColumn, nameOf, part, wide, type Printer, type TableRowCondition } from './common.ts';

interface PodSpecLike {
  nodeName: string;
  readinessGates: Array<{ conditionType?: string }>;
}

interface PodStatusLike {
  phase: string;
  podIPs: Array<{ ip?: string }>;
  nominatedNodeName: string;
  conditions: PodConditionLike[];
}

// Row conditions let kubectl recognise finished pods (RowCompleted).
const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** "true/total" over spec.readinessGates (the first condition of each type counts), or `<none>`. */
function readinessGates(spec: Partial<PodSpecLike>, status: Partial<PodStatusLike>): string {
  const gates = spec.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conds = status.conditions ?? [];
  const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

function print(pod: KubeObject, now: number) {
  const spec = part<PodSpecLike>(pod, 'spec');
  const status = part<PodStatusLike>(pod, 'status');
  const p = podStatus(pod, now);
  const cells = [
    nameOf(pod), p.ready, p.status, p.restarts, ageOf(pod, now),
    status.podIPs?.[0]?.ip || '<none>',
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates(spec, status),
  ];
  const conditions = status.phase === 'Succeeded' ? SUCCEEDED : status.phase === 'Failed' ? FAILED : undefined;
  return conditions ? { cells, conditions: conditions.map((c) => ({ ...c })) } : { cells };
}

export const podPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    wide('IP', POD.podIP),
    wide('Node', POD.nodeName),
    wide('Nominated Node', POD.nominatedNodeName),
    wide('Readiness Gates', POD.readinessGates),
  ],
  print,
};
