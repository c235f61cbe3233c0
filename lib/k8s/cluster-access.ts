// The process-wide connection settings: the kubeconfig (kubeconfig.ts rules), the transport the
// informers use, and the namespace of the current context. Loaded on first use, kept on
// globalThis (route modules and hot reloads must share it). A failed load is not kept, so fixing
// the kubeconfig needs no restart.

import type { KubeConfig } from '@kubernetes/client-node';
import { defaultNamespace, loadKubeConfig } from './kubeconfig.ts';
import { clientNodeTransport, type KubeTransport } from './transport.ts';

export interface ClusterAccess {
  kc: KubeConfig;
  transport: KubeTransport;
  /** The current context's namespace ("default" when it names none). */
  contextNamespace: string;
}

const KEY = Symbol.for('sts-topology.cluster-access');

export function getClusterAccess(): ClusterAccess {
  const g = globalThis as { [KEY]?: ClusterAccess };
  if (!g[KEY]) {
    const kc = loadKubeConfig();
    g[KEY] = { kc, transport: clientNodeTransport(kc), contextNamespace: defaultNamespace(kc) };
  }
  return g[KEY];
}
