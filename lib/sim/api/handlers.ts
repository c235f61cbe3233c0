// The verbs of the resource API: get, list, watch, create, update, patch, delete and
// deletecollection, plus the status and scale subresources. Each handler parses, delegates to the
// store and admission, and answers with the object or a Status; nothing is written unless the
// whole request is valid.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { matches, parseSelector, SelectorError } from '../../kube/labels.ts';
import type { KubeObject } from '../../kube/types.ts';
import { R, apiVersionOf } from '../resources.ts';
import { StoreError, type DeleteOptions, type Store } from '../store/store.ts';
import { admitCreate, admitUpdate, checkNamespace } from './admission.ts';
import { matchesFields, parseFieldSelector } from './field-selectors.ts';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch.ts';
import { toTable } from './printers.ts';
import { decodeBody, decodeObject, mediaType, readBody, sendJson, wantsTable, type ResourceRoute } from './request.ts';
import { applyScale, toScale } from './scale.ts';
import { ApiError, errors, fromStoreError } from './status.ts';
import { serveWatch, type WatchHooks } from './watch.ts';

export interface HandlerContext {
  store: Store;
  route: ResourceRoute;
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  watchHooks: WatchHooks;
}

function withKind(ctx: HandlerContext, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: apiVersionOf(ctx.route.def), kind: ctx.route.def.kind };
}

function storeCall<T>(ctx: HandlerContext, name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StoreError) throw fromStoreError(e, ctx.route.def.plural, ctx.route.def.group, name);
    throw e;
  }
}

function mustGet(ctx: HandlerContext): KubeObject {
  const { def, namespace, name } = ctx.route;
  const obj = ctx.store.get(def.key, namespace, name!);
  if (!obj) throw errors.notFound(def.plural, def.group, name!);
  return obj;
}

function matcher(ctx: HandlerContext): (o: KubeObject) => boolean {
  let labels;
  try {
    labels = parseSelector(ctx.query.get('labelSelector') ?? '');
  } catch (e) {
    if (e instanceof SelectorError) throw errors.badRequest(`unable to parse requirement: ${e.message}`);
    throw e;
  }
  const fields = parseFieldSelector(ctx.route.def.kind, ctx.query.get('fieldSelector') ?? '');
  return (o) => matches(labels, o.metadata.labels) && matchesFields(ctx.route.def.kind, fields, o);
}

function includeObject(ctx: HandlerContext): 'None' | 'Metadata' | 'Object' | undefined {
  const v = ctx.query.get('includeObject');
  if (v === null) return undefined;
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object') throw errors.badRequest(`includeObject: Unsupported value: "${v}": supported values: "None", "Metadata", "Object"`);
  return v;
}

function isDryRun(ctx: HandlerContext): boolean {
  const v = ctx.query.getAll('dryRun');
  if (v.some((x) => x !== 'All')) throw errors.badRequest(`dryRun: Unsupported value: "${v.find((x) => x !== 'All')}": supported values: "All"`);
  return v.length > 0;
}

export function handleGet(ctx: HandlerContext): void {
  const obj = mustGet(ctx);
  if (ctx.route.sub === 'scale') return sendJson(ctx.res, 200, toScale(obj));
  if (wantsTable(ctx.req)) {
    const table = toTable(ctx.route.def.key, [obj], { now: ctx.store.clock.now(), includeObject: includeObject(ctx) });
    table.metadata = { resourceVersion: obj.metadata.resourceVersion };
    return sendJson(ctx.res, 200, table);
  }
  sendJson(ctx.res, 200, withKind(ctx, obj));
}

interface ContinueToken { after: string }

function paginate(ctx: HandlerContext, items: KubeObject[]): { page: KubeObject[]; next?: string; remaining?: number } {
  const limit = Number(ctx.query.get('limit') ?? 0);
  if (!Number.isInteger(limit) || limit < 0) throw errors.badRequest(`limit: Invalid value: "${ctx.query.get('limit')}": must be a non-negative integer`);
  let start = 0;
  const cont = ctx.query.get('continue');
  if (cont) {
    let tok: ContinueToken;
    try {
      tok = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
    } catch {
      throw errors.badRequest('continue key is not valid: the continue token could not be decoded');
    }
    const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    start = items.findIndex((o) => key(o) > tok.after);
    if (start < 0) start = items.length;
  }
  if (!limit || start + limit >= items.length) return { page: items.slice(start) };
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  const next = Buffer.from(JSON.stringify({ after: `${last.metadata.namespace ?? ''}/${last.metadata.name}` })).toString('base64url');
  return { page, next, remaining: items.length - start - limit };
}

export function handleList(ctx: HandlerContext): void {
  const { def, namespace } = ctx.route;
  const match = matcher(ctx);
  if (ctx.query.get('watch') === 'true' || ctx.query.get('watch') === '1') {
    const timeout = ctx.query.get('timeoutSeconds');
    if (timeout !== null && !/^\d+$/.test(timeout)) throw errors.badRequest(`timeoutSeconds: Invalid value: "${timeout}": must be a non-negative integer`);
    return serveWatch(ctx.store, ctx.req, ctx.res, {
      def, namespace, match,
      resourceVersion: ctx.query.get('resourceVersion') ?? undefined,
      timeoutSeconds: timeout === null ? undefined : Number(timeout),
      bookmarks: ctx.query.get('allowWatchBookmarks') === 'true',
      table: wantsTable(ctx.req),
      includeObject: includeObject(ctx),
    }, ctx.watchHooks);
  }
  const rv = String(ctx.store.currentRV());
  const { page, next, remaining } = paginate(ctx, ctx.store.list(def.key, namespace).filter(match));
  const meta = { resourceVersion: rv, ...(next ? { continue: next, remainingItemCount: remaining } : {}) };
  if (wantsTable(ctx.req)) {
    const table = toTable(def.key, page, { now: ctx.store.clock.now(), includeObject: includeObject(ctx) });
    table.metadata = meta;
    return sendJson(ctx.res, 200, table);
  }
  sendJson(ctx.res, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: meta, items: page.map((o) => withKind(ctx, o)) });
}

function checkKindAndNamespace(ctx: HandlerContext, body: Record<string, unknown>): KubeObject {
  const { def, namespace } = ctx.route;
  const apiVersion = apiVersionOf(def);
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersion) {
    throw errors.badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`);
  }
  if (body.kind !== undefined && body.kind !== def.kind) {
    throw errors.badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${def.kind})`);
  }
  const obj = { ...body, apiVersion, kind: def.kind, metadata: { ...((body.metadata ?? {}) as object) } } as KubeObject;
  if (def.namespaced) {
    if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (!namespace) throw errors.badRequest('the namespace of the object is required (use a namespaced URL)');
    obj.metadata.namespace = namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return obj;
}

export async function handleCreate(ctx: HandlerContext): Promise<void> {
  const { def, namespace } = ctx.route;
  if (def.readOnly) throw errors.methodNotAllowed();
  const body = decodeObject(await readBody(ctx.req), mediaType(ctx.req));
  const obj = checkKindAndNamespace(ctx, body);
  checkNamespace(ctx.store, def, namespace, true);
  const name = obj.metadata.name ?? '';
  if (name && ctx.store.get(def.key, namespace, name)) throw errors.alreadyExists(def.plural, def.group, name);
  admitCreate(ctx.store, def, obj);
  if (isDryRun(ctx)) return sendJson(ctx.res, 201, obj);
  const created = storeCall(ctx, name, () => ctx.store.create(def.key, obj));
  sendJson(ctx.res, 201, withKind(ctx, created));
}

/** Stores `next` (the full new object) for PUT and PATCH of the object or its status/scale. */
function writeUpdate(ctx: HandlerContext, old: KubeObject, next: KubeObject): void {
  const { def, sub, name } = ctx.route;
  if (next.metadata.name !== name) throw errors.badRequest(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${name})`);
  let toStore: KubeObject;
  if (sub === 'status') {
    toStore = { ...structuredClone(old) as KubeObject, status: next.status };
    toStore.metadata.resourceVersion = next.metadata.resourceVersion;
  } else {
    toStore = next;
    if (def.subresources?.includes('status') && def.key !== R.namespaces) toStore.status = old.status;
    admitUpdate(def, toStore, old);
  }
  if (isDryRun(ctx)) return sendJson(ctx.res, 200, toStore);
  const stored = storeCall(ctx, name!, () => ctx.store.update(def.key, toStore));
  sendJson(ctx.res, 200, sub === 'scale' ? toScale(stored) : withKind(ctx, stored));
}

export async function handleUpdate(ctx: HandlerContext): Promise<void> {
  if (ctx.route.def.readOnly) throw errors.methodNotAllowed();
  const body = decodeObject(await readBody(ctx.req), mediaType(ctx.req));
  const old = mustGet(ctx);
  if (ctx.route.sub === 'scale') return writeUpdate(ctx, old, applyScale(old, body));
  writeUpdate(ctx, old, checkKindAndNamespace(ctx, body));
}

function applyPatch(type: string, doc: KubeObject, patch: unknown, kind: string): KubeObject {
  try {
    switch (type) {
      case 'application/json-patch+json': return applyJsonPatch(doc, patch) as KubeObject;
      case 'application/merge-patch+json': return applyMergePatch(doc, patch) as KubeObject;
      case 'application/strategic-merge-patch+json':
      case 'application/apply-patch+yaml':
        return applyStrategicMergePatch(doc, patch, kind) as KubeObject;
      default: throw errors.unsupportedMedia(type);
    }
  } catch (e) {
    if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message, {});
    throw e;
  }
}

export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const { def, sub } = ctx.route;
  if (def.readOnly) throw errors.methodNotAllowed();
  const type = mediaType(ctx.req);
  const KNOWN = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
  if (!KNOWN.includes(type)) throw errors.unsupportedMedia(type);
  const patch = decodeBody(await readBody(ctx.req), type.includes('yaml') ? 'application/yaml' : 'application/json');
  if (type === 'application/json-patch+json' ? !Array.isArray(patch) : !patch || typeof patch !== 'object' || Array.isArray(patch)) {
    throw errors.badRequest(type === 'application/json-patch+json' ? 'a JSON patch must be an array of operations' : 'the patch must be a JSON object');
  }
  const old = mustGet(ctx);
  if (sub === 'scale') {
    const scale = applyPatch(type, toScale(old), patch, 'Scale');
    return writeUpdate(ctx, old, applyScale(old, scale));
  }
  const base = withKind(ctx, old);
  const next = applyPatch(type, structuredClone(base) as KubeObject, patch, def.kind);
  if (!next || typeof next !== 'object' || !next.metadata) throw errors.badRequest('the patch removed the object metadata');
  // A patch is applied to the version it was computed from, unless it names another one.
  if (!next.metadata.resourceVersion) next.metadata.resourceVersion = old.metadata.resourceVersion;
  writeUpdate(ctx, old, checkKindAndNamespace(ctx, next as Record<string, unknown>));
}

async function deleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const raw = await readBody(ctx.req);
  let body: Record<string, unknown> = {};
  if (raw.length && raw.toString('utf8').trim()) body = decodeObject(raw, mediaType(ctx.req));
  const grace = ctx.query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const policy = ctx.query.get('propagationPolicy') ?? body.propagationPolicy ?? (body.orphanDependents === true ? 'Orphan' : undefined);
  if (grace !== undefined && grace !== null && !/^-?\d+$/.test(String(grace))) throw errors.badRequest(`gracePeriodSeconds: Invalid value: "${String(grace)}": must be an integer`);
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(String(policy))) {
    throw errors.invalid('DeleteOptions', '', '', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan"`, []);
  }
  const pre = body.preconditions as DeleteOptions['preconditions'];
  if (ctx.query.getAll('dryRun').length) isDryRun(ctx);
  return {
    gracePeriodSeconds: grace === undefined || grace === null ? undefined : Math.max(0, Number(grace)),
    propagationPolicy: policy as DeleteOptions['propagationPolicy'],
    preconditions: pre,
  };
}

const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public'];

function deleteOne(ctx: HandlerContext, name: string, opts: DeleteOptions): KubeObject {
  const { def, namespace } = ctx.route;
  if (def.key === R.namespaces) {
    if (PROTECTED_NAMESPACES.includes(name)) throw errors.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    // The namespace controller empties a terminating namespace, then lets it go.
    const ns = ctx.store.get(def.key, undefined, name);
    if (ns && !ns.metadata.deletionTimestamp) {
      const next = structuredClone(ns) as KubeObject;
      next.metadata.finalizers = [...new Set([...(next.metadata.finalizers ?? []), 'kubernetes'])];
      next.status = { ...(next.status as object), phase: 'Terminating' };
      storeCall(ctx, name, () => ctx.store.update(def.key, next));
    }
  }
  return storeCall(ctx, name, () => ctx.store.delete(def.key, namespace, name, opts)).object;
}

export async function handleDelete(ctx: HandlerContext): Promise<void> {
  if (ctx.route.def.readOnly) throw errors.methodNotAllowed();
  const opts = await deleteOptions(ctx);
  const obj = mustGet(ctx);
  if (ctx.query.getAll('dryRun').length) return sendJson(ctx.res, 200, withKind(ctx, obj));
  sendJson(ctx.res, 200, withKind(ctx, deleteOne(ctx, ctx.route.name!, opts)));
}

export async function handleDeleteCollection(ctx: HandlerContext): Promise<void> {
  const { def, namespace } = ctx.route;
  if (def.readOnly || !def.verbs.includes('deletecollection')) throw errors.methodNotAllowed();
  const opts = await deleteOptions(ctx);
  const match = matcher(ctx);
  const targets = ctx.store.list(def.key, namespace).filter(match);
  if (ctx.query.getAll('dryRun').length) targets.length = 0;
  const deleted = targets.map((o) => withKind(ctx, deleteOne(ctx, o.metadata.name!, opts)));
  sendJson(ctx.res, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(ctx.store.currentRV()) }, items: deleted });
}
