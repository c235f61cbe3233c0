// The dashboard as deployed by deploy/: the embedded cluster with RBAC on and the manifests'
// ServiceAccount, Role(s) and bindings loaded, a token-only kubeconfig for that ServiceAccount
// (what the in-cluster config amounts to: server URL + bearer token), and the standalone server
// started as the image starts it. Used by the deploy-*.spec.ts files.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { renderVariant, type Variant } from '../../deploy/render.ts';
import type { EmbeddedCluster } from '../../lib/sim/cluster.ts';
import { writeKubeconfig } from '../../lib/sim/kubeconfig.ts';
import type { RbacAuthorizer } from '../../lib/sim/rbac/authorizer.ts';
import { loadRbacManifests } from '../../lib/sim/rbac/coverage.ts';
import { serviceAccountUser } from '../../lib/sim/rbac/policy.ts';
import { startRbacCluster } from '../../lib/sim/rbac/rbac-cluster.ts';
import { startStandalone, type Standalone } from './standalone.ts';

export const SA_USER = 'system:serviceaccount:default:sts-topology';
const SA_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.sts-topology-test-token';

export interface RbacEnv {
  cluster: EmbeddedCluster;
  authz: RbacAuthorizer;
  /** server + the ServiceAccount's bearer token, nothing else. */
  kubeconfig: string;
  /** Loads a variant's RBAC objects (replacing what is there). */
  apply(variant: Variant): Promise<string>;
  stop(): Promise<void>;
}

export async function startRbacEnv(): Promise<RbacEnv> {
  const { cluster, authz } = await startRbacCluster({ speed: 10, tokens: { [SA_TOKEN]: serviceAccountUser('default', 'sts-topology') } });
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sts-deployed-')), 'kubeconfig');
  writeKubeconfig(kubeconfig, { server: cluster.url, token: SA_TOKEN });
  return {
    cluster,
    authz,
    kubeconfig,
    apply: async (variant) => {
      const text = await renderVariant(variant);
      loadRbacManifests(cluster.store, text);
      return text;
    },
    stop: () => cluster.stop(),
  };
}

/** The standalone server with the Deployment's environment (deploy/base/deployment.yaml) plus `env`. */
export function startDeployedServer(env: RbacEnv, extra: Record<string, string> = {}): Promise<Standalone> {
  return startStandalone({ STS_KUBECONFIG: env.kubeconfig, STS_NAMESPACES: 'default', STS_LOG_LEVEL: 'info', STS_ALLOWED_HOSTS: 'localhost,127.0.0.1,[::1]', ...extra });
}

export interface ActionCall {
  method: 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

/** Every action route, with inputs that change something on the seeded `web` set. */
export const EVERY_ACTION: readonly ActionCall[] = [
  { method: 'POST', path: '/api/namespaces/default/statefulsets/web/scale', body: { replicas: 3 } },
  { method: 'POST', path: '/api/namespaces/default/statefulsets/web/partition', body: { partition: 1 } },
  { method: 'POST', path: '/api/namespaces/default/statefulsets/web/image', body: { container: 'nginx', image: 'nginx-slim:0.9' } },
  { method: 'POST', path: '/api/namespaces/default/statefulsets/web/partition', body: { partition: 0 } },
  { method: 'POST', path: '/api/namespaces/default/statefulsets/web/restart', body: {} },
  { method: 'DELETE', path: '/api/namespaces/default/pods/web-0' },
  { method: 'POST', path: '/api/namespaces/default/statefulsets/web/delete-pods', body: {} },
];

/** Runs calls from the page, as its controls do: same-origin fetch with the session's CSRF token. */
export function runActions(page: Page, calls: readonly ActionCall[]): Promise<Array<{ status: number; body: Record<string, unknown> }>> {
  return page.evaluate(async (list) => {
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const out: Array<{ status: number; body: Record<string, unknown> }> = [];
    for (const c of list) {
      const r = await fetch(c.path, {
        method: c.method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
      });
      out.push({ status: r.status, body: (await r.json()) as Record<string, unknown> });
    }
    return out;
  }, calls as ActionCall[]);
}
