// The simulated nodes the scheduler and kubelet run pods on: sim-node-1..N, shaped like kind
// worker nodes (Ready, zone labels, InternalIP 172.18.0.x, pod CIDR 10.244.<i>.0/24).

import type { KubeObject } from '../../kube/types.ts';
import type { Clock } from '../clock.ts';
import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';
import { rfc3339 } from './controller-kit.ts';

export const SIM_NODE_PREFIX = 'sim-node-';
export const KUBELET_VERSION = 'v1.34.0';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** Nodes of the embedded cluster unless told otherwise, as a small kind cluster. */
export const DEFAULT_SIM_NODES = 3;
/** Pods a simulated node runs at most: kubelet's default --max-pods (status.allocatable.pods). */
export const MAX_PODS_PER_NODE = 110;
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

const ZONES = ['sim-zone-a', 'sim-zone-b', 'sim-zone-c'];

export function simNodeName(i: number): string {
  return `${SIM_NODE_PREFIX}${i}`;
}

function condition(type: string, status: string, reason: string, message: string, ts: string) {
  return { type, status, lastHeartbeatTime: ts, lastTransitionTime: ts, reason, message };
}

/** The Node object for sim-node-<i> (i from 1). */
export function simNode(i: number, now: number): KubeObject {
  const name = simNodeName(i);
  const ts = rfc3339(now);
  const resources = { cpu: '8', 'ephemeral-storage': '102626232Ki', 'hugepages-2Mi': '0', memory: '16318268Ki', pods: String(MAX_PODS_PER_NODE) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        [HOSTNAME_LABEL]: name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': 'sim-region',
        [ZONE_LABEL]: ZONES[(i - 1) % ZONES.length],
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`], providerID: `sim://${name}` },
    status: {
      addresses: [{ type: 'InternalIP', address: `172.18.0.${i + 1}` }, { type: 'Hostname', address: name }],
      allocatable: resources,
      capacity: resources,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', ts),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', ts),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', ts),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', ts),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `sim-boot-${i}`,
        containerRuntimeVersion: 'containerd://2.1.3',
        kernelVersion: '6.8.0-sim',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: `sim-machine-${i}`,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: `sim-system-${i}`,
      },
    },
  };
}

/** Enough simulated nodes for `pods` pods, and at least the default count. */
export function nodesFor(pods: number): number {
  return Math.max(DEFAULT_SIM_NODES, Math.ceil(pods / MAX_PODS_PER_NODE));
}

/** Creates sim-node-1..count if absent (existing nodes, e.g. cordoned ones, are left alone). */
export function ensureSimNodes(store: Store, clock: Clock, count = DEFAULT_SIM_NODES): void {
  for (let i = 1; i <= count; i++) {
    if (!store.get(R.nodes, undefined, simNodeName(i))) store.create(R.nodes, simNode(i, clock.now()));
  }
}

/** The /24 index of a node's pod CIDR (10.244.<i>.0/24), or undefined for foreign nodes. */
export function nodePodSubnet(node: KubeObject): number | undefined {
  const cidr = (node.spec as { podCIDR?: string } | undefined)?.podCIDR;
  const m = /^10\.244\.(\d+)\.0\/24$/.exec(cidr ?? '');
  return m ? Number(m[1]) : undefined;
}

export function nodeInternalIP(node: KubeObject): string | undefined {
  const addrs = (node.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses;
  return addrs?.find((a) => a.type === 'InternalIP')?.address;
}

/** A node accepts new pods: Ready=True and not cordoned. */
export function nodeSchedulable(node: KubeObject): boolean {
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) return false;
  if (node.metadata.deletionTimestamp) return false;
  const conds = (node.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions;
  return conds?.find((c) => c.type === 'Ready')?.status === 'True';
}
