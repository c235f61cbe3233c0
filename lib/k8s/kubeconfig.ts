// Which cluster the dashboard talks to, following kubectl's rules: an explicit kubeconfig path
// (STS_KUBECONFIG, set by --kubeconfig or by the launcher for the embedded cluster), else the
// KUBECONFIG variable or ~/.kube/config; inside a pod, the in-cluster service account.
// STS_CONTEXT picks a context (--context). Nothing here knows about the embedded cluster.

import { KubeConfig } from '@kubernetes/client-node';

export interface ClusterSelection {
  kubeconfigPath?: string;
  context?: string;
}

export function selectionFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterSelection {
  return { kubeconfigPath: env.STS_KUBECONFIG || undefined, context: env.STS_CONTEXT || undefined };
}

export function loadKubeConfig(sel: ClusterSelection = selectionFromEnv()): KubeConfig {
  const kc = new KubeConfig();
  if (sel.kubeconfigPath) kc.loadFromFile(sel.kubeconfigPath);
  else kc.loadFromDefault();
  if (sel.context) {
    if (!kc.getContexts().some((c) => c.name === sel.context)) {
      throw new Error(`context "${sel.context}" not found in the kubeconfig (have: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kc.setCurrentContext(sel.context);
  }
  if (!kc.getCurrentCluster()) throw new Error('no cluster configured: the kubeconfig has no current context');
  return kc;
}

/** The namespace of the current context, as kubectl defaults to it. */
export function defaultNamespace(kc: KubeConfig): string {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}
