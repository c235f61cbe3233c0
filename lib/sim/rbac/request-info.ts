// What a request asks to do, in the terms RBAC decides on: kube-apiserver's RequestInfo
// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go), for the paths this server serves.
// Resource requests live under /api/<version> and /apis/<group>/<version>; everything else
// (discovery documents, /version, /healthz, /openapi/...) is a non-resource request whose verb
// is the lower-cased HTTP method.
// Rules carried over from upstream:
// - GET on a collection is `list`, or `watch` with watch=true|1 (or under the legacy /watch/
//   prefix); DELETE on a collection is `deletecollection`.
// - /namespaces/<ns>/<resource>/... makes <resource> the resource; /namespaces/<ns> itself, and
//   its status/finalize subresources, are the namespace object.
// - A third path part after the resource is the subresource (pods/web-0/status, statefulsets/web/scale).
// - A list or watch with fieldSelector=metadata.name=<n> is about the object named <n>.
// Limit: no API prefix other than /api and /apis; no `proxy`/`redirect` special verbs.

export interface RequestAttributes {
  /** Resource requests carry apiGroup/resource/...; non-resource ones only path. */
  isResourceRequest: boolean;
  verb: string;
  path: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const METHOD_VERBS: Record<string, string> = {
  POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete',
};

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function nonResource(method: string, path: string): RequestAttributes {
  return { isResourceRequest: false, verb: method.toLowerCase(), path, apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '' };
}

function nameFromFieldSelector(selector: string | null): string {
  if (!selector) return '';
  for (const term of selector.split(',')) {
    const m = /^\s*metadata\.name\s*(?:==|=)\s*([^\s,]+)\s*$/.exec(term);
    if (m) return m[1];
  }
  return '';
}

/** The RBAC view of one request. `url` carries path and query (the request's, not normalised). */
export function requestInfo(method: string, url: URL): RequestAttributes {
  const path = url.pathname;
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  const m = method.toUpperCase();
  let rest: string[];
  let apiGroup = '';
  let apiVersion: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    apiVersion = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    apiGroup = parts[1];
    apiVersion = parts[2];
    rest = parts.slice(3);
  } else {
    return nonResource(m, path);
  }
  let verb = METHOD_VERBS[m] ?? m.toLowerCase();
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
  }
  const [resource = '', nameInPath = '', subresource = ''] = rest;
  let name = nameInPath;
  if (!name && verb === 'get') {
    const w = url.searchParams.get('watch');
    verb = w === 'true' || w === '1' ? 'watch' : 'list';
    name = nameFromFieldSelector(url.searchParams.get('fieldSelector'));
  }
  if (!name && verb === 'delete') verb = 'deletecollection';
  return { isResourceRequest: true, verb, path, apiGroup, apiVersion, namespace, resource, subresource, name };
}
