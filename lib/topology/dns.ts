// Per-pod DNS: `<pod>.<svc>.<ns>.svc.<domain>` resolves only when a headless Service named
// spec.serviceName has an EndpointSlice entry for the pod with hostname = pod name and
// conditions.ready != false (statefulset-semantics.md §8.1-8.2). publishNotReadyAddresses needs
// no special case here: the EndpointSlice controller already writes ready=true for such pods.

import type { KubeObject } from '../kube/types.ts';
import { matchesLabelSelector } from '../kube/labels.ts';
import type { EndpointEntry } from './endpoints.ts';
import { statusOf, str } from './fields.ts';
import type { ServiceInfo } from './types.ts';

export interface PodDns {
  dnsName: string | null;
  dnsPublished: boolean;
  dnsReason: string | null;
}

export function podDnsName(podName: string, service: ServiceInfo | null): string | null {
  return service ? `${podName}.${service.dnsName}` : null;
}

/** `entry`: the EndpointSlice entry of this pod incarnation (endpointOf in endpoints.ts), or null. */
export function podDns(
  name: string,
  pod: KubeObject | null,
  service: ServiceInfo | null,
  entry: EndpointEntry | null,
): PodDns {
  const dnsName = podDnsName(name, service);
  const no = (dnsReason: string): PodDns => ({ dnsName, dnsPublished: false, dnsReason });
  if (!service) return no(`the StatefulSet has no serviceName, so ${name} gets no DNS name`);
  if (!service.exists) return no(`no Service named ${service.name}`);
  if (!service.headless) return no(`Service ${service.name} is not headless`);
  if (!pod) return no(`${name} does not exist yet`);
  if (!entry) return no(missingEntryReason(name, pod, service));
  if (!entry.ready) {
    return no(entry.terminating ? `${name} is terminating, so it is not published` : `${name} is not Ready, so it is not published`);
  }
  if (entry.hostname !== name) {
    return no(`${name}'s endpoint has no hostname (its subdomain is not '${service.name}'), so only its IP is listed`);
  }
  return { dnsName, dnsPublished: true, dnsReason: null };
}

function missingEntryReason(name: string, pod: KubeObject, service: ServiceInfo): string {
  if (!service.selector || Object.keys(service.selector).length === 0) return `Service ${service.name} has no selector`;
  if (!matchesLabelSelector({ matchLabels: service.selector }, pod.metadata.labels)) {
    return `Service ${service.name} does not select ${name}`;
  }
  const phase = str(statusOf(pod).phase);
  if (phase === 'Failed' || phase === 'Succeeded') return `${name} has finished (${phase}), so it is not published`;
  if (!str(statusOf(pod).podIP)) return `${name} has no IP yet`;
  return `no EndpointSlice entry for ${name} yet`;
}
