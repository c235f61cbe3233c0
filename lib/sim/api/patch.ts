// The three PATCH content types the API server accepts, as pure functions over JSON values:
// JSON Patch (RFC 6902, application/json-patch+json), JSON Merge Patch (RFC 7386,
// application/merge-patch+json) and Kubernetes strategic merge patch (patch-strategic.ts).
// None of them mutates its inputs. A patch that cannot be applied throws PatchError.

import { PatchError } from './patch-error.ts';

export { PatchError } from './patch-error.ts';
export { applyStrategicMergePatch } from './patch-strategic.ts';

type Json = unknown;
type Container = Record<string, Json> | Json[];

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function parsePointer(pointer: unknown, what: string): string[] {
  if (typeof pointer !== 'string') throw new PatchError(`operation is missing a string "${what}"`);
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer in "${what}": "${pointer}" does not start with "/"`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const INDEX_RE = /^(0|[1-9][0-9]*)$/;

/** The value at tokens, or undefined when any step is missing. */
function lookup(root: Json, tokens: string[]): Json | undefined {
  let cur: Json = root;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!INDEX_RE.test(t) || Number(t) >= cur.length) return undefined;
      cur = cur[Number(t)];
    } else if (isObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
      cur = cur[t];
    } else {
      return undefined;
    }
  }
  return cur;
}

// Operations work on a holder object so that the root ("" pointer) is an ordinary child.
const ROOT = 'root';

interface Op {
  op: string;
  path: string[];
  rawPath: string;
  from?: string[];
  rawFrom?: string;
  value?: Json;
  hasValue: boolean;
}

function missing(op: string, path: string): PatchError {
  return new PatchError(`${op} operation does not apply: doc is missing path: ${path}`);
}

function parentOf(holder: Container, op: string, tokens: string[], raw: string): { parent: Container; key: string } {
  const parent = lookup(holder, [ROOT, ...tokens.slice(0, -1)]);
  if (!Array.isArray(parent) && !isObject(parent)) throw missing(op, raw);
  return { parent, key: tokens.length ? tokens[tokens.length - 1] : ROOT };
}

function addAt(holder: Container, op: string, tokens: string[], raw: string, value: Json): void {
  const { parent, key } = tokens.length ? parentOf(holder, op, tokens, raw) : { parent: holder, key: ROOT };
  if (Array.isArray(parent)) {
    if (key === '-') { parent.push(value); return; }
    if (!INDEX_RE.test(key) || Number(key) > parent.length) throw missing(op, raw);
    parent.splice(Number(key), 0, value);
    return;
  }
  (parent as Record<string, Json>)[key] = value;
}

function removeAt(holder: Container, op: string, tokens: string[], raw: string): Json {
  if (tokens.length === 0) throw new PatchError(`${op} operation does not apply: cannot remove the whole document`);
  const { parent, key } = parentOf(holder, op, tokens, raw);
  if (Array.isArray(parent)) {
    if (!INDEX_RE.test(key) || Number(key) >= parent.length) throw missing(op, raw);
    return parent.splice(Number(key), 1)[0];
  }
  if (!Object.prototype.hasOwnProperty.call(parent, key)) throw missing(op, raw);
  const old = parent[key];
  delete parent[key];
  return old;
}

function replaceAt(holder: Container, op: string, tokens: string[], raw: string, value: Json): void {
  if (lookup(holder, [ROOT, ...tokens]) === undefined) throw missing(op, raw);
  const { parent, key } = tokens.length ? parentOf(holder, op, tokens, raw) : { parent: holder, key: ROOT };
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else (parent as Record<string, Json>)[key] = value;
}

function parseOp(raw: Json, i: number): Op {
  if (!isObject(raw)) throw new PatchError(`the JSON patch operation at index ${i} is not an object`);
  const op = raw.op;
  if (typeof op !== 'string') throw new PatchError(`the JSON patch operation at index ${i} is missing "op"`);
  const out: Op = { op, path: parsePointer(raw.path, 'path'), rawPath: raw.path as string, value: raw.value, hasValue: 'value' in raw };
  if (op === 'move' || op === 'copy') {
    out.from = parsePointer(raw.from, 'from');
    out.rawFrom = raw.from as string;
  }
  return out;
}

function applyOp(holder: Container, o: Op): void {
  const needsValue = o.op === 'add' || o.op === 'replace' || o.op === 'test';
  if (needsValue && !o.hasValue) throw new PatchError(`${o.op} operation does not apply: missing "value" for path: ${o.rawPath}`);
  switch (o.op) {
    case 'add': return addAt(holder, o.op, o.path, o.rawPath, structuredClone(o.value));
    case 'remove': removeAt(holder, o.op, o.path, o.rawPath); return;
    case 'replace': return replaceAt(holder, o.op, o.path, o.rawPath, structuredClone(o.value));
    case 'move':
    case 'copy': {
      const from = o.from as string[];
      const v = lookup(holder, [ROOT, ...from]);
      if (v === undefined) throw new PatchError(`${o.op} operation does not apply: doc is missing from path: ${o.rawFrom}`);
      if (o.op === 'move') {
        const isProperPrefix = from.length < o.path.length && from.every((t, i) => o.path[i] === t);
        if (isProperPrefix) throw new PatchError(`move operation does not apply: cannot move ${o.rawFrom} into its own child ${o.rawPath}`);
        removeAt(holder, o.op, from, o.rawFrom as string);
        return addAt(holder, o.op, o.path, o.rawPath, v);
      }
      return addAt(holder, o.op, o.path, o.rawPath, structuredClone(v));
    }
    case 'test': {
      const v = lookup(holder, [ROOT, ...o.path]);
      if (v === undefined || !jsonEqual(v, o.value)) throw new PatchError(`testing value ${o.rawPath} failed: test failed`);
      return;
    }
    default:
      throw new PatchError(`Unexpected kind: ${o.op}`);
  }
}

/** RFC 6902. Operations apply in order; the first failing one aborts the whole patch. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations');
  const parsed = ops.map(parseOp);
  const holder: Record<string, Json> = { [ROOT]: structuredClone(doc) };
  for (const o of parsed) applyOp(holder, o);
  return holder[ROOT];
}

/** RFC 7386: objects merge recursively, null deletes a key, anything else replaces. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(doc) ? structuredClone(doc) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
