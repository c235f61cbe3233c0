// Namespaces, Nodes, ServiceAccounts and ConfigMaps (printNamespace, printNode,
// printServiceAccount, printConfigMap).

import type { KubeObject } from '../../../kube/types.ts';
import { CONFIG_MAP_DATA, NODE, SERVICE_ACCOUNT_SECRETS } from './descriptions.ts';
import { ageColumn, ageOf, column, nameColumn, nameOf, part, wide, type Printer } from './common.ts';

export const namespacePrinter: Printer = {
  columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
  print(ns, now) {
    return { cells: [nameOf(ns), part<{ phase: string }>(ns, 'status').phase ?? '', ageOf(ns, now)] };
  },
};

interface NodeStatusLike {
  conditions: Array<{ type?: string; status?: string }>;
  addresses: Array<{ type?: string; address?: string }>;
  nodeInfo: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

/** Only the Ready condition counts: Ready, NotReady, or Unknown without one; plus cordoning. */
function nodeStatus(node: KubeObject, status: Partial<NodeStatusLike>): string {
  const ready = (status.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (part<{ unschedulable: boolean }>(node, 'spec').unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

const address = (status: Partial<NodeStatusLike>, type: string): string =>
  (status.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';

export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    ageColumn,
    column('Version', NODE.kubeletVersion),
    wide('Internal-IP', NODE.addresses),
    wide('External-IP', NODE.addresses),
    wide('OS-Image', NODE.osImage),
    wide('Kernel-Version', NODE.kernelVersion),
    wide('Container-Runtime', NODE.containerRuntimeVersion),
  ],
  print(node, now) {
    const status = part<NodeStatusLike>(node, 'status');
    const info = status.nodeInfo ?? {};
    return {
      cells: [
        nameOf(node), nodeStatus(node, status), nodeRoles(node), ageOf(node, now), info.kubeletVersion ?? '',
        address(status, 'InternalIP'), address(status, 'ExternalIP'),
        info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [nameColumn, column('Secrets', SERVICE_ACCOUNT_SECRETS), ageColumn],
  print(sa, now) {
    const secrets = Array.isArray(sa.secrets) ? sa.secrets.length : 0;
    return { cells: [nameOf(sa), secrets, ageOf(sa, now)] };
  },
};

const keyCount = (m: unknown): number => (m && typeof m === 'object' ? Object.keys(m).length : 0);

export const configMapPrinter: Printer = {
  columns: [nameColumn, column('Data', CONFIG_MAP_DATA), ageColumn],
  print(cm, now) {
    return { cells: [nameOf(cm), keyCount(cm.data) + keyCount(cm.binaryData), ageOf(cm, now)] };
  },
};
