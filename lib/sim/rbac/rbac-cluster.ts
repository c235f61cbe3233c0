// The embedded cluster with bearer-token authentication and RBAC switched on: what a test needs
// to run a client as a ServiceAccount. The authorizer reads the cluster's own store, so it is
// plugged in once the cluster is up (no client can reach the API before that).

import type { RequestInterceptor } from '../api/server.ts';
import { startEmbeddedCluster, type ClusterOptions, type EmbeddedCluster } from '../cluster.ts';
import { createRbacAuthorizer, type RbacAuthorizer } from './authorizer.ts';
import type { UserInfo } from './policy.ts';

export interface RbacClusterOptions extends ClusterOptions {
  /** Bearer token -> user. */
  tokens: Record<string, UserInfo>;
  /** Who tokenless requests are (default system:anonymous). ADMIN_USER lets kubectl over plain http administer. */
  unauthenticated?: UserInfo | null;
}

export const ADMIN_USER: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

export async function startRbacCluster(opts: RbacClusterOptions): Promise<{ cluster: EmbeddedCluster; authz: RbacAuthorizer }> {
  let authz: RbacAuthorizer | null = null;
  const gate: RequestInterceptor = (req, res, url) => (authz ? authz.interceptor(req, res, url) : false);
  const cluster = await startEmbeddedCluster({ ...opts, interceptors: [...(opts.interceptors ?? []), gate] });
  authz = createRbacAuthorizer({ store: cluster.store, tokens: opts.tokens, unauthenticated: opts.unauthenticated });
  return { cluster, authz };
}
