// Field selectors (`?fieldSelector=`), limited like a real API server: metadata.name and
// metadata.namespace for every kind, plus the per-kind fields that kubectl and controllers use.
// An unsupported field is a 400, as upstream ("field label not supported").

import type { KubeObject } from '../../kube/types.ts';
import { ApiError } from './status.ts';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

type Getter = (o: KubeObject) => string | undefined;

const get = (path: string): Getter => (o) => {
  let cur: unknown = o;
  for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
};

const COMMON = ['metadata.name', 'metadata.namespace'];
const PER_KIND: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Namespace: ['status.phase'],
  PersistentVolume: ['name'],
  Node: ['spec.unschedulable'],
  Secret: ['type'],
};

function getterFor(kind: string, field: string): Getter | undefined {
  if (COMMON.includes(field)) return get(field);
  if (!(PER_KIND[kind] ?? []).includes(field)) return undefined;
  if (kind === 'Event' && field === 'source') return (o) => get('source.component')(o) || get('reportingComponent')(o);
  if (field === 'name') return get('metadata.name');
  return get(field);
}

export function parseFieldSelector(kind: string, s: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const term of s.split(',').map((t) => t.trim()).filter(Boolean)) {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${s}'; can't understand '${term}'`);
    const field = m[1].trim();
    if (!getterFor(kind, field)) throw new ApiError(400, 'BadRequest', `"${field}" is not a known field selector: only "${[...COMMON, ...(PER_KIND[kind] ?? [])].join('", "')}"`);
    out.push({ field, op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() });
  }
  return out;
}

export function matchesFields(kind: string, reqs: readonly FieldRequirement[], o: KubeObject): boolean {
  return reqs.every((r) => {
    const v = getterFor(kind, r.field)!(o) ?? '';
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}
