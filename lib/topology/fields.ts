// Small readers for loosely typed Kubernetes JSON. Objects come from any cluster version and may
// lack defaulted fields, so every reader tolerates a missing or mistyped value.

import type { KubeObject } from '../kube/types.ts';

export type Dict = Record<string, unknown>;

export function dict(x: unknown): Dict {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Dict) : {};
}

export function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function str(x: unknown): string | null {
  return typeof x === 'string' && x !== '' ? x : null;
}

export function num(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

export function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(dict(x))) if (typeof v === 'string') out[k] = v;
  return out;
}

export function specOf(o: KubeObject | undefined): Dict {
  return dict(o?.spec);
}

export function statusOf(o: KubeObject | undefined): Dict {
  return dict(o?.status);
}

export function isTerminating(o: KubeObject): boolean {
  return typeof o.metadata.deletionTimestamp === 'string' && o.metadata.deletionTimestamp !== '';
}

export function podCondition(pod: KubeObject, type: string): Dict | null {
  const found = list(statusOf(pod).conditions).find((c) => dict(c).type === type);
  return found === undefined ? null : dict(found);
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function controllerRef(o: KubeObject): { kind: string; name: string; uid: string } | null {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : null;
}

/** The objects of one namespace; the list itself when all are (a namespace cache's lists always are). */
export function inNamespace(objects: readonly KubeObject[], namespace: string): readonly KubeObject[] {
  const inside = (o: KubeObject) => (o.metadata.namespace ?? 'default') === namespace;
  return objects.every(inside) ? objects : objects.filter(inside);
}

export function byName(objects: readonly KubeObject[]): Map<string, KubeObject> {
  const m = new Map<string, KubeObject>();
  for (const o of objects) if (o.metadata.name) m.set(o.metadata.name, o);
  return m;
}

/** Locale-independent string order, so output does not depend on the server's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
