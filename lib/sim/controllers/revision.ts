// ControllerRevisions of a StatefulSet, as pure functions (statefulset-semantics.md §3.1, §3.6,
// §3.7): the revision payload, its Go-compatible bytes, the FNV-1 hash that names it, equality,
// ordering, applying a revision back onto a set, and which history to truncate.
//
// Contract: `data` is `{"spec":{"template":{...template, "$patch":"replace"}}}` where the template
// is the API-defaulted pod template. The bytes hashed are Go's json.Marshal of that map (sorted
// keys, compact, HTML-escaped), so names equal those of a real v1.34+ cluster for the same
// defaulted template. Revisions written by 1.33 (with `"creationTimestamp":null` in the template
// metadata) compare equal to ours, as in 1.34+ (TestStatefulSetCompatibility).

import type { KubeObject, OwnerReference } from '../../kube/types.ts';
import { goJson } from './revision-json.ts';

export const HASH_LABEL = 'controller.kubernetes.io/hash';
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_PREFIX = 223;

export interface ControllerRevision extends KubeObject {
  /** The strategic-merge patch; a JSON object (or its text, if a client stored it so). */
  data?: unknown;
  revision?: number;
}

type Json = Record<string, unknown>;

/**
 * What a Go typed round trip does to a client's template: null fields vanish (omitempty
 * pointers), and the zero creationTimestamp is no longer written (1.34+ `omitzero`).
 * Limit: empty slices/maps that Go would omit are kept as sent.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      if (v === null || v === undefined) continue;
      out[k] = normalize(v);
    }
    return out;
  }
  return value;
}

/** The revision payload for a (defaulted) pod template, keys in Go's order. */
export function revisionData(template: unknown): Json {
  const t = normalize(template ?? {}) as Json;
  return JSON.parse(goJson({ spec: { template: { ...t, $patch: 'replace' } } })) as Json;
}

function parseData(data: unknown): unknown {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data);
    } catch {
      return data;
    }
  }
  return data;
}

// Stored objects are frozen, so their canonical bytes can be remembered per data object.
const rawCache = new WeakMap<object, string>();

/** The bytes a revision's data stands for, after the 1.34 normalisation (for equality). */
export function canonicalRaw(data: unknown): string {
  const cacheable = !!data && typeof data === 'object' && Object.isFrozen(data);
  const hit = cacheable ? rawCache.get(data as object) : undefined;
  if (hit !== undefined) return hit;
  const raw = goJson(normalize(parseData(data)));
  if (cacheable) rawCache.set(data as object, raw);
  return raw;
}

/** FNV-1 32-bit (Go hash/fnv New32, not 32a). */
export function fnv1_32(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/** k8s.io/apimachinery rand.SafeEncodeString. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

/** HashControllerRevision: FNV-1 over the raw bytes, then the decimal collision count. */
export function hashRevisionRaw(raw: string, collisionCount?: number): string {
  let text = raw;
  if (collisionCount !== undefined) text += String(collisionCount);
  return safeEncodeString(String(fnv1_32(new TextEncoder().encode(text))));
}

export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > MAX_PREFIX ? prefix.slice(0, MAX_PREFIX) : prefix}-${hash}`;
}

export interface RevisionOwner {
  metadata: { name?: string; namespace?: string; uid?: string; annotations?: Record<string, string> };
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
}

export function statefulSetControllerRef(set: RevisionOwner): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name ?? '', uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

// Every sync computes the revision of the set's template; the template rarely changes, and its
// plain JSON text is far cheaper to get than the Go bytes. Bounded; values are deep-frozen.
const DATA_CACHE_SIZE = 64;
const dataCache = new Map<string, { data: Json; raw: string }>();

function freezeDeep<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Json)) freezeDeep(v);
  }
  return value;
}

/** revisionData and its Go bytes, remembered by the template's content. The data is frozen. */
export function revisionDataOf(template: unknown): { data: Json; raw: string } {
  const key = JSON.stringify(template ?? {});
  const hit = dataCache.get(key);
  if (hit) {
    dataCache.delete(key);
    dataCache.set(key, hit);
    return hit;
  }
  const data = freezeDeep(revisionData(template));
  const entry = { data, raw: goJson(data) };
  rawCache.set(data, entry.raw);
  dataCache.set(key, entry);
  if (dataCache.size > DATA_CACHE_SIZE) dataCache.delete(dataCache.keys().next().value as string);
  return entry;
}

/**
 * A new ControllerRevision for `template` (the set's defaulted template), named from the hash
 * of its data and collisionCount. Labels: template labels + the hash; annotations: the SET's.
 * Its data object is shared and frozen: clone the revision before changing it.
 */
export function newControllerRevision(set: RevisionOwner, template: unknown, revision: number, collisionCount: number): ControllerRevision {
  const { data, raw } = revisionDataOf(template);
  const hash = hashRevisionRaw(raw, collisionCount);
  const labels: Record<string, string> = { ...(set.spec?.template?.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  const meta: ControllerRevision['metadata'] = {
    name: controllerRevisionName(set.metadata.name ?? '', hash),
    namespace: set.metadata.namespace,
    labels,
    ownerReferences: [statefulSetControllerRef(set)],
  };
  const annotations = set.metadata.annotations ?? {};
  if (Object.keys(annotations).length) meta.annotations = { ...annotations };
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta, data, revision };
}

/** Revision data equality (1.34+: semantically equal 1.33 payloads are equal). */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return canonicalRaw(a.data) === canonicalRaw(b.data);
}

/** Sorted by .revision, ties by creationTimestamp (older first), then name. Returns a new array. */
export function sortRevisions<T extends ControllerRevision>(revisions: readonly T[]): T[] {
  return [...revisions].sort((a, b) => {
    const ra = a.revision ?? 0;
    const rb = b.revision ?? 0;
    if (ra !== rb) return ra - rb;
    const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ta !== tb) return ta - tb;
    const na = a.metadata.name ?? '';
    const nb = b.metadata.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/** 1 for an empty history, else the highest .revision + 1 (expects sorted input). */
export function nextRevisionNumber(sorted: readonly ControllerRevision[]): number {
  return sorted.length ? (sorted[sorted.length - 1].revision ?? 0) + 1 : 1;
}

/** The pod template a revision restores (its data's template without "$patch"). */
export function revisionTemplate(rev: ControllerRevision): Json {
  const data = parseData(rev.data) as { spec?: { template?: Json } } | undefined;
  const { $patch: _patch, ...template } = data?.spec?.template ?? {};
  return structuredClone(template);
}

/** ApplyRevision: a copy of the set whose spec.template is the revision's template. */
export function applyRevision<T extends KubeObject>(set: T, rev: ControllerRevision): T {
  const clone = structuredClone(set) as T & { spec?: Json };
  clone.spec = { ...(clone.spec ?? {}), template: revisionTemplate(rev) };
  return clone;
}

/**
 * truncateHistory's choice: of the revisions (sorted) whose names are not live, the oldest ones
 * beyond `limit`. A negative limit keeps everything.
 */
export function revisionsToTruncate<T extends ControllerRevision>(sorted: readonly T[], live: ReadonlySet<string>, limit: number): T[] {
  const history = sorted.filter((r) => !live.has(r.metadata.name ?? ''));
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit);
}
