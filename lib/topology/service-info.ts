// The governing Service (spec.serviceName) and what a learner must know about it: whether it
// exists, is headless, selects the set's pods, and what `nslookup <svc>` answers.
// Limit: only named targetPorts are checked against the template; a numeric targetPort that no
// container declares still works in Kubernetes (containerPort is informational), so no warning.

import type { KubeObject } from '../kube/types.ts';
import { labelSelectorToString, matchesLabelSelector } from '../kube/labels.ts';
import { type EndpointEntry, entryOrdinal } from './endpoints.ts';
import { dict, list, num, specOf, str, stringMap } from './fields.ts';
import { nodeId } from './ids.ts';
import type { SetFacts } from './set-facts.ts';
import type { ServiceInfo, ServicePortInfo } from './types.ts';

export function buildServiceInfo(
  set: SetFacts,
  svc: KubeObject | undefined,
  endpoints: readonly EndpointEntry[],
  domain: string,
): ServiceInfo | null {
  if (set.serviceName === '') return null;
  const base = {
    id: nodeId('Service', set.namespace, set.serviceName),
    name: set.serviceName,
    namespace: set.namespace,
    dnsName: `${set.serviceName}.${set.namespace}.svc.${domain}`,
  };
  if (!svc) {
    return {
      ...base, exists: false, headless: false, clusterIP: null, ports: [], selector: null,
      publishNotReadyAddresses: false, lookup: [],
      warnings: [`No Service named '${set.serviceName}' in namespace '${set.namespace}': pods get no per-pod DNS names`],
    };
  }
  const spec = specOf(svc);
  const clusterIP = str(spec.clusterIP);
  const headless = clusterIP === 'None';
  const selector = spec.selector === undefined || spec.selector === null ? null : stringMap(spec.selector);
  const ports = list(spec.ports).map(readPort);
  return {
    ...base, exists: true, headless, clusterIP, ports, selector,
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
    lookup: headless ? readyAddresses(set.name, endpoints) : clusterIP ? [clusterIP] : [],
    warnings: serviceWarnings(set, { headless, clusterIP, selector, ports, type: str(spec.type) }),
  };
}

function readPort(raw: unknown): ServicePortInfo {
  const p = dict(raw);
  const target = p.targetPort;
  return {
    name: str(p.name) ?? '',
    port: num(p.port, 0),
    targetPort: typeof target === 'string' || typeof target === 'number' ? target : null,
    protocol: str(p.protocol) ?? 'TCP',
  };
}

/** Addresses of endpoints CoreDNS publishes, ordered by pod ordinal then address. */
function readyAddresses(setName: string, endpoints: readonly EndpointEntry[]): string[] {
  const rows = endpoints
    .filter((e) => e.ready)
    .flatMap((e) => e.addresses.map((ip) => ({ ip, ordinal: entryOrdinal(setName, e) })));
  rows.sort((a, b) => a.ordinal - b.ordinal || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  return [...new Set(rows.map((r) => r.ip))];
}

interface ServiceShape {
  headless: boolean;
  clusterIP: string | null;
  selector: Record<string, string> | null;
  ports: ServicePortInfo[];
  type: string | null;
}

function serviceWarnings(set: SetFacts, s: ServiceShape): string[] {
  const name = set.serviceName;
  const out: string[] = [];
  if (!s.headless) {
    const ip = s.type === 'ExternalName' ? 'type ExternalName' : `clusterIP ${s.clusterIP ?? '<none>'}`;
    out.push(`Service '${name}' is not headless (${ip}): its name resolves to the ClusterIP and pods get no per-pod DNS records`);
  }
  if (s.selector === null || Object.keys(s.selector).length === 0) {
    out.push(`Service '${name}' has no selector: Kubernetes makes no EndpointSlices for it, so pods get no DNS records`);
  } else if (!matchesLabelSelector({ matchLabels: s.selector }, set.templateLabels)) {
    const podLabels = labelSelectorToString({ matchLabels: set.templateLabels }) || '<none>';
    out.push(`Service '${name}' selects ${labelSelectorToString({ matchLabels: s.selector })}, which does not match the pods of StatefulSet '${set.name}' (labels ${podLabels})`);
  }
  if (s.ports.length === 0) {
    out.push(`Service '${name}' has no ports: names still resolve, but there are no SRV records`);
  }
  for (const p of s.ports) {
    if (typeof p.targetPort === 'string' && !set.containerPortNames.includes(p.targetPort)) {
      out.push(`Service '${name}' port ${p.name ? `'${p.name}'` : p.port} targets the container port named '${p.targetPort}', but no container in the pod template of '${set.name}' has a port with that name`);
    }
  }
  return out;
}
