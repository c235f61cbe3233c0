// Writes the kubeconfig that kubectl and client-node use to reach the embedded cluster.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import YAML from 'yaml';

export interface KubeconfigOptions {
  server: string;
  token?: string;
  namespace?: string;
  contextName?: string;
}

export function kubeconfigYaml(o: KubeconfigOptions): string {
  const name = o.contextName ?? 'sts-topology';
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // Plain HTTP on loopback: client-node refuses http:// servers unless TLS checks are off.
    clusters: [{ name, cluster: { server: o.server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: `${name}-admin`, user: o.token ? { token: o.token } : {} }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: o.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, o: KubeconfigOptions): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(o), { mode: 0o600 });
}
