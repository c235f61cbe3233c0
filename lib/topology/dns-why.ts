// Why a Kubernetes DNS name has no record, in the words a learner needs ("Why does nslookup
// fail?", workshop-flows.md): Service missing or named differently from serviceName, wrong
// namespace, pod not Ready or terminating, pod not selected, no hostname. Pure.
// Limit: the hints read only the namespaces the caller passed (and serviceLocations).

import { matchesLabelSelector, labelSelectorToString } from '../kube/labels.ts';
import { parseParentAndOrdinal } from '../kube/ordinals.ts';
import type { KubeObject } from '../kube/types.ts';
import type { DnsNamespaceObjects, DnsWorld } from './dns-lookup-types.ts';
import { dashedIp, isIPv4, type DnsService } from './dns-service-view.ts';
import { controllerRef, dict, isPodReady, isTerminating, num, specOf, statusOf, str } from './fields.ts';

function templateLabels(set: KubeObject): Record<string, string> {
  return dict(dict(dict(specOf(set).template).metadata).labels) as Record<string, string>;
}

function selects(svc: KubeObject, labels: Record<string, string>): boolean {
  const selector = dict(specOf(svc).selector) as Record<string, string>;
  return Object.keys(selector).length > 0 && matchesLabelSelector({ matchLabels: selector }, labels);
}

function ownerSet(pod: KubeObject, objs: DnsNamespaceObjects): KubeObject | undefined {
  const ref = controllerRef(pod);
  return ref?.kind === 'StatefulSet' ? objs.statefulSets.find((s) => s.metadata.name === ref.name) : undefined;
}

/** The namespace exists, but no Service of that name is in it. */
export function missingServiceReason(world: DnsWorld, name: { namespace: string; service: string; endpoint?: string }): string {
  const { namespace, service } = name;
  const base = `no Service named '${service}' in namespace '${namespace}'`;
  const objs = world.objects[namespace];
  if (objs) {
    const hint = serviceNameHint(objs, service) ?? (name.endpoint ? podServiceHint(objs, name.endpoint) : null);
    if (hint) return `${base}: ${hint}`;
  }
  const elsewhere = (world.serviceLocations?.[service] ?? []).filter((ns) => ns !== namespace);
  if (elsewhere.length > 0) {
    const other = elsewhere[0];
    const typed = name.endpoint ? `${name.endpoint}.${service}.${other}` : `${service}.${other}`;
    return `${base}; there is one in namespace '${other}' (name it ${typed})`;
  }
  return base;
}

/** A StatefulSet here names `service` as its serviceName, which does not exist. */
function serviceNameHint(objs: DnsNamespaceObjects, service: string): string | null {
  const set = objs.statefulSets.find((s) => specOf(s).serviceName === service);
  if (!set) return null;
  const actual = objs.services.find((svc) => selects(svc, templateLabels(set)));
  if (actual) return `the StatefulSet's serviceName is '${service}' but the Service is named '${actual.metadata.name}'`;
  return `StatefulSet ${set.metadata.name} names '${service}' as its serviceName, but that Service was never created`;
}

/** The typed pod exists here, governed by another Service. */
function podServiceHint(objs: DnsNamespaceObjects, podName: string): string | null {
  const pod = objs.pods.find((p) => p.metadata.name === podName);
  const set = pod && ownerSet(pod, objs);
  const governing = set ? str(specOf(set).serviceName) : null;
  if (!set || !governing || !objs.services.some((s) => s.metadata.name === governing)) return null;
  return `${podName} belongs to StatefulSet ${set.metadata.name}, whose Service is '${governing}' (name it ${podName}.${governing})`;
}

/** A headless Service without one ready endpoint. */
export function noReadyEndpointsReason(svc: DnsService, objs: DnsNamespaceObjects): string {
  const base = `${svc.name} is headless but has no ready endpoints`;
  const terminating = svc.endpoints.filter((e) => e.terminating).map((e) => e.podName ?? e.label);
  const notReady = svc.endpoints.filter((e) => !e.terminating).map((e) => e.podName ?? e.label);
  const parts: string[] = [];
  if (notReady.length > 0) parts.push(`not Ready: ${notReady.join(', ')}`);
  if (terminating.length > 0) parts.push(`terminating: ${terminating.join(', ')}`);
  if (parts.length > 0) return `${base} (${parts.join('; ')})`;
  if (!svc.selector || Object.keys(svc.selector).length === 0) return `${base} (it has no selector, so Kubernetes makes no EndpointSlices for it)`;
  const selected = objs.pods.filter((p) => matchesLabelSelector({ matchLabels: svc.selector! }, p.metadata.labels));
  if (selected.length === 0) {
    return `${base} (no pod in namespace '${svc.namespace}' matches its selector ${labelSelectorToString({ matchLabels: svc.selector })})`;
  }
  const noIp = selected.filter((p) => !str(statusOf(p).podIP)).map((p) => p.metadata.name);
  if (noIp.length === selected.length) return `${base} (its pods have no IP yet: ${noIp.join(', ')})`;
  return `${base} (its EndpointSlices list no addresses yet)`;
}

/** `label` under Service `svc` has no ready endpoint. */
export function unpublishedEndpointReason(svc: DnsService, label: string, objs: DnsNamespaceObjects): string {
  const listed = svc.endpoints.find((e) => e.label === label);
  if (listed) {
    const who = listed.podName ?? label;
    return listed.terminating ? `${who} is terminating, so it is not published` : `${who} is not Ready, so it is not published`;
  }
  const pod = objs.pods.find((p) => p.metadata.name === label);
  return pod ? podNotListedReason(svc, label, pod, objs) : noSuchPodReason(svc, label, objs);
}

function noSuchPodReason(svc: DnsService, label: string, objs: DnsNamespaceObjects): string {
  const dashed = label.replace(/-/g, '.');
  if (/^\d+-\d+-\d+-\d+$/.test(label) && isIPv4(dashed)) return `no endpoint of Service ${svc.name} has the address ${dashed}`;
  const published = svc.endpoints.filter((e) => e.ready && e.hasHostname).map((e) => e.label);
  const tail = published.length > 0 ? `; Service ${svc.name} publishes ${published.join(', ')}` : '';
  const { parent, ordinal } = parseParentAndOrdinal(label);
  const set = ordinal >= 0 ? objs.statefulSets.find((s) => s.metadata.name === parent) : undefined;
  if (set) {
    const replicas = num(specOf(set).replicas, 1);
    const range = replicas === 0 ? 'no pods' : replicas === 1 ? `only ${parent}-0` : `${parent}-0 … ${parent}-${replicas - 1}`;
    return `there is no pod ${label}: StatefulSet ${parent} has ${replicas} replica${replicas === 1 ? '' : 's'} (${range})${tail}`;
  }
  return `there is no pod named '${label}' in namespace '${svc.namespace}'${tail}`;
}

function podNotListedReason(svc: DnsService, name: string, pod: KubeObject, objs: DnsNamespaceObjects): string {
  if (isTerminating(pod)) return `${name} is terminating, so it is not published`;
  const phase = str(statusOf(pod).phase);
  if (phase === 'Failed' || phase === 'Succeeded') return `${name} has finished (${phase}), so it is not published`;
  if (!svc.selector || Object.keys(svc.selector).length === 0) return `Service ${svc.name} has no selector, so Kubernetes lists no pods for it`;
  if (!matchesLabelSelector({ matchLabels: svc.selector }, pod.metadata.labels)) {
    return `Service ${svc.name} does not select ${name} (its selector is ${labelSelectorToString({ matchLabels: svc.selector })})`;
  }
  const ip = str(statusOf(pod).podIP);
  if (!ip) return `${name} has no IP yet, so it is not published`;
  const spec = specOf(pod);
  if (spec.hostname !== name || spec.subdomain !== svc.name) {
    const only = `only its dashed address ${dashedIp(ip)}`;
    const set = ownerSet(pod, objs);
    const serviceName = set ? str(specOf(set).serviceName) : null;
    if (serviceName && serviceName !== svc.name) {
      return `the StatefulSet's serviceName is '${serviceName}' but the Service is named '${svc.name}', so ${name} has no name under it (${only})`;
    }
    return `${name}'s subdomain is '${str(spec.subdomain) ?? 'unset'}', not '${svc.name}', so Service ${svc.name} lists it without a hostname (${only})`;
  }
  if (!isPodReady(pod)) return `${name} is not Ready, so it is not published`;
  return `no EndpointSlice entry for ${name} yet: the EndpointSlice controller has not caught up`;
}
