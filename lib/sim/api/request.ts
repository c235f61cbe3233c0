// Request plumbing for the embedded API server: URL routing to a resource, body reading with a
// size limit, content negotiation and JSON responses.

import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import { findResource, type ResourceDef } from '../resources.ts';
import { ApiError, errors } from './status.ts';

export interface ResourceRoute {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  sub?: string;
}

/**
 * The request's URL, as the server routes it. Dot segments ("." and "..", also as %2e) are refused
 * rather than resolved: resolving them would turn `DELETE .../pods/.` into a delete of the whole
 * collection and `.../pods/%2e%2e/...` into a request for another resource.
 */
export function requestUrl(raw: string | undefined): URL {
  const target = raw || '/';
  const path = target.split('?')[0];
  if (path.split('/').some((seg) => /^(\.|%2e){1,2}$/i.test(seg))) {
    throw errors.badRequest(`the request path "${path.slice(0, 200)}" has "." or ".." segments, which are not allowed`);
  }
  try {
    // Origin-form ("/api/v1/..."), also when it starts with "//"; absolute-form otherwise.
    return new URL(target.startsWith('/') ? `http://localhost${target}` : target);
  } catch {
    throw errors.badRequest('the request target is not a valid URL');
  }
}

/** A percent-decoded path segment; a malformed escape (`%E0%A4%A`, `%zz`) is the client's error. */
function decodeSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    throw errors.badRequest(`the path segment "${seg.slice(0, 100)}" is not valid percent-encoding`);
  }
}

/**
 * Parses /api/v1/... and /apis/<group>/<version>/... into a resource route. Returns undefined
 * for paths that are not resource paths (discovery is handled before this).
 */
export function parseResourcePath(pathname: string): ResourceRoute | undefined {
  const raw = pathname.split('/').slice(1);
  // An empty segment ("pods//", "pods/") would otherwise name the collection: `DELETE .../pods//`
  // must not become a delete of every pod.
  if ((raw[0] === 'api' || raw[0] === 'apis') && raw.length >= 3 && raw.includes('')) throw errors.notFoundPath();
  const segs = raw.map(decodeSegment);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  // /namespaces/<ns>/<resource>/... except the namespace object's own subresources.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) throw errors.notFoundPath();
  const def = findResource(group, version, rest[0]);
  if (!def) throw errors.notFoundPath();
  if (namespace !== undefined && !def.namespaced) throw errors.notFoundPath();
  const [, name, sub] = rest;
  if (sub !== undefined && !(def.subresources ?? []).includes(sub as 'status' | 'scale')) throw errors.notFoundPath();
  return { def, namespace, name, sub };
}

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(errors.tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(errors.tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on('error', (e) => { if (!failed) { failed = true; reject(e); } });
  });
}

export function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** Decodes a JSON or YAML request body into a plain value. */
export function decodeBody(buf: Buffer, type: string): unknown {
  if (type === 'application/vnd.kubernetes.protobuf' || buf.subarray(0, 4).toString('latin1') === 'k8s\0') {
    throw new ApiError(415, 'UnsupportedMediaType', 'the embedded cluster does not decode protobuf request bodies; send JSON or YAML (kubectl create -f / kubectl apply -f do; the `kubectl create configmap|service|deployment …` generators send protobuf)', {});
  }
  // What kube-apiserver decodes (a patch body comes here as JSON or YAML after the patch handler
  // checked its own media type).
  if (type !== 'application/json' && type !== 'application/yaml') throw errors.unsupportedMedia(type);
  const text = buf.toString('utf8');
  if (!text.trim()) throw errors.badRequest('the request body is empty; an object was expected');
  try {
    if (type.includes('yaml')) return YAML.parse(text);
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
  }
}

export function decodeObject(buf: Buffer, type: string): Record<string, unknown> {
  const v = decodeBody(buf, type);
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw errors.badRequest('the body of the request must be a JSON object');
  const obj = v as Record<string, unknown>;
  if (obj.metadata !== undefined && (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata))) {
    throw errors.badRequest('metadata must be an object');
  }
  return obj;
}

export function wantsTable(req: IncomingMessage): boolean {
  const accept = String(req.headers.accept ?? '');
  return accept.split(',').some((part) => /\bas=Table\b/.test(part) && /g=meta\.k8s\.io/.test(part));
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const api = err instanceof ApiError ? err : errors.internal(err instanceof Error ? err.message : String(err));
  if (!(err instanceof ApiError)) console.error('[api] internal error:', err);
  sendJson(res, api.code, api.toStatus(), api.headers);
}
