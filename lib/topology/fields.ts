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

/** phase Running and Ready (the controller's isRunningAndReady). */
export function isRunningAndReady(pod: KubeObject): boolean {
  return statusOf(pod).phase === 'Running' && isPodReady(pod);
}

/**
 * podutil.IsPodAvailable: Ready, and Ready since more than minReadySeconds. A Ready condition
 * without a parseable lastTransitionTime counts as available only when minReadySeconds is 0.
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(String(podCondition(pod, 'Ready')?.lastTransitionTime ?? ''));
  return Number.isFinite(since) && since + minReadySeconds * 1000 < now;
}

export function controllerRef(o: KubeObject): { kind: string; name: string; uid: string } | null {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : null;
}

export function inNamespace(objects: readonly KubeObject[], namespace: string): KubeObject[] {
  return objects.filter((o) => (o.metadata.namespace ?? 'default') === namespace);
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
