// One-shot reads through client-node, for pages that render on the server.

import { AppsV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { parseOrdinal } from '../kube/ordinals.ts';

export interface PodSummary {
  name: string;
  ordinal: number;
  phase: string;
  podIP?: string;
}

export interface StatefulSetSummary {
  name: string;
  replicas: number;
  readyReplicas: number;
  serviceName: string;
  pods: PodSummary[];
}

export async function listStatefulSetsWithPods(kc: KubeConfig, namespace: string): Promise<StatefulSetSummary[]> {
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const [sets, pods] = await Promise.all([
    apps.listNamespacedStatefulSet({ namespace }),
    core.listNamespacedPod({ namespace }),
  ]);
  return sets.items
    .map((s) => {
      const name = s.metadata?.name ?? '';
      const owned = pods.items.filter((p) => p.metadata?.ownerReferences?.some((o) => o.kind === 'StatefulSet' && o.uid === s.metadata?.uid));
      return {
        name,
        replicas: s.spec?.replicas ?? 0,
        readyReplicas: s.status?.readyReplicas ?? 0,
        serviceName: s.spec?.serviceName ?? '',
        pods: owned
          .map((p) => ({ name: p.metadata?.name ?? '', ordinal: parseOrdinal(name, p.metadata?.name ?? ''), phase: p.status?.phase ?? 'Unknown', podIP: p.status?.podIP }))
          .sort((a, b) => a.ordinal - b.ordinal),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
