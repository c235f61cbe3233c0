// Authentication by bearer token and RBAC authorisation for the embedded API server, as a
// RequestInterceptor (api/server.ts). Roles, ClusterRoles and their bindings are read live from
// the store, so `kubectl apply -k deploy/` (as an admin) is what grants a ServiceAccount its
// rights, exactly as on a real cluster.
// Contract:
// - `Authorization: Bearer <token>` with a token from `tokens` authenticates as its user; any other
//   bearer token is 401 Unauthorized. A request without a token is `unauthenticated` (default
//   system:anonymous, group system:unauthenticated; null answers 401). kubectl never sends a
//   bearer token over plain http, so a test that drives the cluster with kubectl makes
//   unauthenticated requests an admin and acts as others with `kubectl --as` (impersonation).
// - Impersonation (Impersonate-User / Impersonate-Group headers) as upstream: the requester needs
//   `impersonate` on users, groups or serviceaccounts (system:masters has it); the request then
//   runs as that user, with the ServiceAccount groups for a ServiceAccount and
//   system:authenticated unless groups were given.
// - Members of system:masters may do anything (as upstream); everyone else gets what the RBAC
//   objects grant plus the bootstrap discovery/health rules (policy.ts).
// - A denied request is answered with the 403 Forbidden Status kube-apiserver sends, message and
//   details included, and never reaches the handlers.
// - Every decision is recorded as (user, verb, apiGroup, resource, subresource, namespace,
//   allowed) with a count, so a test can compare what a client used with what a Role grants.
//   Names are not part of the record (distinct tuples stay few).
// Paths under /_sim/ (the fault admin API, guarded on its own) are left alone.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/types.ts';
import { sendError } from '../api/request.ts';
import type { RequestInterceptor } from '../api/server.ts';
import { ApiError, errors } from '../api/status.ts';
import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';
import { bootstrapRules, ruleAllows, serviceAccountUser, subjectApplies, type PolicyRule, type Subject, type UserInfo } from './policy.ts';
import { requestInfo, type RequestAttributes } from './request-info.ts';

export interface AccessRecord {
  user: string;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  /** Non-resource requests: the path; '' otherwise. */
  path: string;
  allowed: boolean;
  count: number;
}

export interface RbacAuthorizerOptions {
  store: Store;
  /** Bearer token -> the user it authenticates as. */
  tokens: Record<string, UserInfo>;
  /** Who a request without a bearer token is: default system:anonymous; null refuses it (401). */
  unauthenticated?: UserInfo | null;
}

export interface Decision {
  allowed: boolean;
  /** Why rules could not be evaluated (missing roles), as upstream appends it to the message. */
  reason: string;
}

export interface RbacAuthorizer {
  interceptor: RequestInterceptor;
  authorize(user: UserInfo, attrs: RequestAttributes): Decision;
  /** Every distinct decision so far. */
  records(): AccessRecord[];
  reset(): void;
}

export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

interface Binding extends KubeObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[];
}

interface RoleObject extends KubeObject {
  rules?: PolicyRule[];
}

/** Rules granted to the user for a request in `namespace` ('' = cluster scope), and lookup errors. */
function rulesFor(store: Store, user: UserInfo, namespace: string): { rules: PolicyRule[]; errs: string[] } {
  const rules: PolicyRule[] = [...bootstrapRules(user)];
  const errs: string[] = [];
  const collect = (ref: Binding['roleRef'], bindingNs: string) => {
    const cluster = ref?.kind === 'ClusterRole';
    const role = (cluster
      ? store.get(R.clusterRoles, undefined, ref?.name ?? '')
      : store.get(R.roles, bindingNs, ref?.name ?? '')) as RoleObject | undefined;
    if (!role) errs.push(`${cluster ? 'clusterrole' : 'role'}.rbac.authorization.k8s.io "${ref?.name ?? ''}" not found`);
    else rules.push(...(role.rules ?? []));
  };
  for (const b of store.list(R.clusterRoleBindings) as Binding[]) {
    if (b.roleRef?.kind !== 'ClusterRole') continue;
    if ((b.subjects ?? []).some((s) => subjectApplies(user, s, ''))) collect(b.roleRef, '');
  }
  if (namespace) {
    for (const b of store.list(R.roleBindings, namespace) as Binding[]) {
      if ((b.subjects ?? []).some((s) => subjectApplies(user, s, namespace))) collect(b.roleRef, namespace);
    }
  }
  return { rules, errs };
}

/** kube-apiserver's forbidden message (endpoints/handlers/responsewriters/errors.go). */
export function forbiddenError(user: UserInfo, a: RequestAttributes, reason: string): ApiError {
  let msg: string;
  if (!a.isResourceRequest) {
    msg = `User "${user.username}" cannot ${a.verb} path "${a.path}"`;
  } else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
    msg = `User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" ${scope}`;
  }
  if (reason) msg += `: ${reason}`;
  if (!a.isResourceRequest) return new ApiError(403, 'Forbidden', `forbidden: ${msg}`, {});
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const message = a.name ? `${qualified} "${a.name}" is forbidden: ${msg}` : `${qualified} is forbidden: ${msg}`;
  return new ApiError(403, 'Forbidden', message, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.apiGroup ? { group: a.apiGroup } : {}),
    kind: a.resource,
  });
}

function impersonationTarget(resource: string, name: string, namespace: string): RequestAttributes {
  return { isResourceRequest: true, verb: 'impersonate', path: '', apiGroup: '', apiVersion: 'v1', namespace, resource, subresource: '', name };
}

function bearerToken(req: IncomingMessage): string | null | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : undefined;
}

export function createRbacAuthorizer(opts: RbacAuthorizerOptions): RbacAuthorizer {
  const seen = new Map<string, AccessRecord>();

  const authenticate = (req: IncomingMessage): UserInfo | null => {
    const token = bearerToken(req);
    if (token === null) return opts.unauthenticated === undefined ? ANONYMOUS : opts.unauthenticated;
    return token ? opts.tokens[token] ?? null : null;
  };

  const authorize = (user: UserInfo, attrs: RequestAttributes): Decision => {
    if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    const { rules, errs } = rulesFor(opts.store, user, attrs.isResourceRequest ? attrs.namespace : '');
    if (rules.some((r) => ruleAllows(attrs, r))) return { allowed: true, reason: '' };
    const reason = errs.length === 0 ? '' : `RBAC: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`;
    return { allowed: false, reason };
  };

  const record = (user: UserInfo, a: RequestAttributes, allowed: boolean) => {
    const path = a.isResourceRequest ? '' : a.path;
    const key = [user.username, a.verb, a.apiGroup, a.resource, a.subresource, a.namespace, path, allowed].join('\u0000');
    const r = seen.get(key);
    if (r) r.count++;
    else seen.set(key, { user: user.username, verb: a.verb, apiGroup: a.apiGroup, resource: a.resource, subresource: a.subresource, namespace: a.namespace, path, allowed, count: 1 });
  };

  // The user a request acts as: the requester, or whom it impersonates if allowed to.
  const impersonate = (requester: UserInfo, req: IncomingMessage): UserInfo | ApiError => {
    const headers = req.headersDistinct;
    const name = headers['impersonate-user']?.[0];
    const groups = headers['impersonate-group'] ?? [];
    if (!name) return groups.length ? errors.badRequest(`requested [${groups.map((g) => `{Group ${g}}`).join(' ')}] without impersonating a user`) : requester;
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
    const wanted: RequestAttributes[] = [
      sa ? impersonationTarget('serviceaccounts', sa[2], sa[1]) : impersonationTarget('users', name, ''),
      ...groups.map((g) => impersonationTarget('groups', g, '')),
    ];
    for (const attrs of wanted) {
      if (!authorize(requester, attrs).allowed) return forbiddenError(requester, attrs, '');
    }
    if (groups.length > 0) return { username: name, groups };
    if (sa) return serviceAccountUser(sa[1], sa[2]);
    return { username: name, groups: name === ANONYMOUS.username ? [] : ['system:authenticated'] };
  };

  const interceptor: RequestInterceptor = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname.startsWith('/_sim/')) return false;
    const requester = authenticate(req);
    if (!requester) {
      sendError(res, errors.unauthorized());
      return true;
    }
    const user = impersonate(requester, req);
    if (user instanceof ApiError) {
      sendError(res, user);
      return true;
    }
    const attrs = requestInfo(req.method ?? 'GET', url);
    const d = authorize(user, attrs);
    record(user, attrs, d.allowed);
    if (d.allowed) return false;
    sendError(res, forbiddenError(user, attrs, d.reason));
    return true;
  };

  return {
    interceptor,
    authorize,
    records: () => [...seen.values()].map((r) => ({ ...r })),
    reset: () => seen.clear(),
  };
}
