// Kubernetes strategic merge patch (application/strategic-merge-patch+json), restated from
// apimachinery's strategicpatch.StrategicMergeMapPatch (MergeParallelList and
// IgnoreUnmatchedNulls on, as the API server runs it):
// - objects merge key by key; null deletes a key; a value of another JSON type replaces;
// - lists with patchStrategy "merge" merge by their patchMergeKey (maps) or as sets (primitives),
//   every other list is replaced (patch-schema.ts holds the table);
// - directives: "$patch": replace | delete | merge in an object or as a list element,
//   "$retainKeys", "$setElementOrder/<list>", "$deleteFromPrimitiveList/<list>".
// Order of merged lists (normalizeElementOrder upstream): items named by the patch follow
// $setElementOrder, else the patch's order; live items missing from the patch keep their live
// order and are interleaved by live position. So, as upstream, an item new to the list lands
// before the live ones unless a $setElementOrder says otherwise.
// Deliberate differences: "$patch: merge" is accepted as a no-op (upstream rejects it), values
// added where the original had nothing are cleaned of directives and nulls (upstream copies
// them verbatim and the decoder then drops them), and a $deleteFromPrimitiveList for a list the
// original lacks does nothing.

import { PatchError } from './patch-error.ts';
import { fieldMeta, rootTypeFor, type FieldMeta } from './patch-schema.ts';

type Json = unknown;
type Obj = Record<string, Json>;

const MARKER = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function isObject(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: Json): string {
  return JSON.stringify(v);
}

/** Applies a strategic merge patch for `kind` (a Kind name or resource key) to a copy of doc. */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, kind: string): unknown {
  if (!isObject(patch)) throw new PatchError(`a strategic merge patch must be a JSON object, got ${show(patch)}`);
  const original = isObject(doc) ? (structuredClone(doc) as Obj) : {};
  return mergeMap(original, structuredClone(patch) as Obj, rootTypeFor(kind));
}

function mergeMap(original: Obj, patch: Obj, type: string | undefined): Obj {
  if (MARKER in patch) {
    const directive = patch[MARKER];
    delete patch[MARKER];
    if (directive === 'replace') return mergeMap({}, patch, type);
    if (directive === 'delete') return {};
    if (directive !== 'merge') throw new PatchError(`unknown patch type: ${show(directive)} in map: ${show(patch)}`);
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, type);
  const deletions: Array<[string, Json]> = [];
  for (const [k, pv] of Object.entries(patch)) {
    if (k.startsWith(DELETE_PRIMITIVE)) { deletions.push([k.slice(DELETE_PRIMITIVE.length), pv]); continue; }
    if (k.startsWith('$')) continue;
    if (pv === null) { delete original[k]; continue; }
    const fm = fieldMeta(type, k);
    const ov = original[k];
    if (isObject(ov) && isObject(pv)) original[k] = mergeMap(ov, pv, fm.type);
    else if (Array.isArray(ov) && Array.isArray(pv)) original[k] = mergeList(ov, pv, fm, k);
    else original[k] = fresh(pv, fm, k);
  }
  for (const [k, values] of deletions) deleteFromPrimitiveList(original, k, values);
  return original;
}

/** A patch value for a key the original lacks: merged into an empty value to resolve directives. */
function fresh(pv: Json, fm: FieldMeta, key: string): Json {
  if (isObject(pv)) return mergeMap({}, pv, fm.type);
  if (Array.isArray(pv)) return mergeList([], pv, fm, key);
  return pv;
}

function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw new PatchError(`invalid patch format of retainKeys: ${show(list)} is not a list`);
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith('$')) continue;
    if (!keep.has(k)) throw new PatchError(`invalid patch format of retainKeys: field "${k}" is in the patch but not in $retainKeys ${show(list)}`);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function deleteFromPrimitiveList(original: Obj, key: string, values: Json): void {
  if (!Array.isArray(values)) throw new PatchError(`invalid patch format of primitive list: ${DELETE_PRIMITIVE}${key} must be a list`);
  const cur = original[key];
  if (!Array.isArray(cur)) return;
  original[key] = cur.filter((v) => !values.includes(v));
}

function applySetElementOrder(original: Obj, patch: Obj, type: string | undefined): void {
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith(SET_ORDER)) continue;
    delete patch[k];
    const field = k.slice(SET_ORDER.length);
    if (!Array.isArray(order)) throw new PatchError(`invalid patch format of setElementOrder list: ${k} must be a list`);
    const fm = fieldMeta(type, field);
    const ov = original[field];
    const pv = patch[field];
    if (ov !== undefined && !Array.isArray(ov)) throw new PatchError(`${k} applies to "${field}", which is not a list`);
    if (pv !== undefined && pv !== null && !Array.isArray(pv)) throw new PatchError(`${k} applies to "${field}", which is not a list in the patch`);
    if (ov === undefined && (pv === undefined || pv === null)) continue;
    const mergeKey = fm.mergeKey;
    if (Array.isArray(pv)) validateAgainstOrder(pv, order, mergeKey, k);
    const merged = Array.isArray(pv) ? (Array.isArray(ov) ? mergeList(ov, pv, fm, field) : mergeList([], pv, fm, field)) : (ov as Json[]);
    original[field] = orderMerged(merged, order, Array.isArray(ov) ? ov : [], keyFn(merged, mergeKey, field));
    delete patch[field];
  }
}

// The patch list must list its (non-deleting) items in the same relative order as the directive.
function validateAgainstOrder(list: Json[], order: Json[], mergeKey: string | undefined, directive: string): void {
  const items = mergeKey ? list.filter((v) => !(isObject(v) && MARKER in v)) : list;
  const key = (v: Json) => (mergeKey && isObject(v) ? v[mergeKey] : v);
  let i = 0;
  for (let j = 0; i < items.length && j < order.length; j++) {
    if (key(items[i]) === key(order[j])) i++;
  }
  if (i < items.length) throw new PatchError(`the order in patch list ${show(list)} doesn't match ${directive} list ${show(order)}`);
}

function mergeList(original: Json[], patch: Json[], fm: FieldMeta, field: string): Json[] {
  if (fm.strategy !== 'merge') return patch;
  if (original.length === 0 && patch.length === 0) return original;
  const all = [...original, ...patch];
  const maps = all.filter(isObject).length;
  if (maps !== 0 && maps !== all.length) throw new PatchError(`list element types are not identical in "${field}": ${show(all)}`);
  if (maps === 0) {
    const merged = [...original];
    for (const v of patch) if (!merged.includes(v)) merged.push(v);
    return orderMerged(merged, patch, original, (v) => v);
  }
  if (!fm.mergeKey) throw new PatchError(`cannot merge lists without merge key for "${field}"`);
  return mergeMapList(original as Obj[], patch as Obj[], fm, fm.mergeKey);
}

function mergeMapList(original: Obj[], patch: Obj[], fm: FieldMeta, mergeKey: string): Json[] {
  let live = [...original];
  const plain: Obj[] = [];
  let replace = false;
  for (const el of patch) {
    if (!(MARKER in el)) { plain.push(el); continue; }
    const directive = el[MARKER];
    if (directive === 'delete') {
      if (!(mergeKey in el)) throw new PatchError(`map: ${show(el)} does not contain declared merge key: ${mergeKey}`);
      live = live.filter((o) => o[mergeKey] !== el[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      const { [MARKER]: _m, ...rest } = el;
      if (Object.keys(rest).length) plain.push(rest);
    } else {
      throw new PatchError(`unknown patch type: ${show(directive)} in map: ${show(el)}`);
    }
  }
  if (replace) return plain.map((el) => mergeMap({}, el, fm.type));
  for (const el of plain) {
    if (!(mergeKey in el)) throw new PatchError(`map: ${show(el)} does not contain declared merge key: ${mergeKey}`);
    const i = live.findIndex((o) => isObject(o) && o[mergeKey] === el[mergeKey]);
    if (i >= 0) live[i] = mergeMap(live[i], el, fm.type);
    else live.push(mergeMap({}, el, fm.type));
  }
  return orderMerged(live, plain, original, (v) => (v as Obj)[mergeKey]);
}

function keyFn(list: Json[], mergeKey: string | undefined, field: string): (v: Json) => Json {
  if (!mergeKey || !list.some(isObject)) return (v) => v;
  return (v) => {
    if (!isObject(v) || !(mergeKey in v)) throw new PatchError(`map: ${show(v)} in "${field}" does not contain declared merge key: ${mergeKey}`);
    return v[mergeKey];
  };
}

/**
 * Orders a merged list: items named by patchOrder follow it, the others ("server-only") keep
 * their live order, and the two runs are interleaved by their positions in the live list.
 */
function orderMerged(merged: Json[], patchOrder: Json[], serverOrder: Json[], key: (v: Json) => Json): Json[] {
  const indexIn = (list: Json[], v: Json) => {
    const k = key(v);
    return list.findIndex((x) => key(x) === k);
  };
  const byIndex = (list: Json[]) => (a: Json, b: Json) => {
    const ia = indexIn(list, a);
    const ib = indexIn(list, b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || 0;
  };
  const fromPatch = merged.filter((v) => indexIn(patchOrder, v) >= 0).sort(byIndex(patchOrder));
  const serverOnly = merged.filter((v) => indexIn(patchOrder, v) < 0).sort(byIndex(serverOrder));
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (j >= fromPatch.length) { out.push(serverOnly[i++]); continue; }
    if (i >= serverOnly.length) { out.push(fromPatch[j++]); continue; }
    const li = indexIn(serverOrder, serverOnly[i]);
    const ri = indexIn(serverOrder, fromPatch[j]);
    if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
    else out.push(fromPatch[j++]);
  }
  return out;
}
