// The EndpointSlice controller (statefulset-semantics.md §8.1) plus the legacy Endpoints
// controller: for every Service with a selector, keep IPv4 EndpointSlices (generateName
// `<svc>-`, controller ownerRef to the Service, so the garbage collector removes them with it)
// and an Endpoints object named like the Service (deleted here when the Service goes, as
// upstream does). Objects are written only when their content changes; the
// last-change-trigger-time annotation is then set to the time of the write.
// Limits: IPv4 only (pod IPs are IPv4); no topology hints; no EndpointSlice mirroring for
// selector-less Services (their Endpoints and slices are the user's to manage).

import type { KubeObject } from '../../kube/types.ts';
import type { Clock } from '../clock.ts';
import { R } from '../resources.ts';
import { StoreError, type Change, type Store } from '../store/store.ts';
import { KeyQueue, keyOf, rfc3339Nano, sameJson, splitKey } from './controller-kit.ts';
import {
  desiredSlices, desiredSubsets, hasSelector, serviceDerivedLabels,
  MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, TRIGGER_TIME_ANNOTATION,
  type Service, type SliceContent,
} from './endpoint-builders.ts';
import type { Pod } from './pod-parts.ts';

function ownerRefTo(svc: Service) {
  return { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** The comparable part of a slice: everything but names, versions and the trigger time. */
function sliceContent(s: KubeObject) {
  return {
    labels: s.metadata.labels ?? {},
    ownerReferences: s.metadata.ownerReferences ?? [],
    addressType: s.addressType,
    endpoints: s.endpoints ?? [],
    ports: s.ports ?? [],
  };
}

function buildSlice(svc: Service, content: SliceContent, now: number, existing?: KubeObject): KubeObject {
  const labels = serviceDerivedLabels(svc, { [MANAGED_BY_LABEL]: MANAGED_BY, [SERVICE_NAME_LABEL]: svc.metadata.name! });
  const metadata = existing
    ? { ...structuredClone(existing.metadata), labels, ownerReferences: [ownerRefTo(svc)] }
    : { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels, ownerReferences: [ownerRefTo(svc)] };
  metadata.annotations = { ...metadata.annotations, [TRIGGER_TIME_ANNOTATION]: rfc3339Nano(now) };
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, addressType: 'IPv4', endpoints: content.endpoints, ports: content.ports };
}

export function startEndpointSliceController(store: Store, opts: { clock: Clock }): { stop(): void } {
  const { clock } = opts;

  const ownedSlices = (svc: Service) =>
    store.list(R.endpointSlices, svc.metadata.namespace).filter((s) =>
      s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name &&
      s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY &&
      (s.metadata.ownerReferences ?? []).some((r) => r.uid === svc.metadata.uid));

  const syncSlices = (svc: Service, pods: Pod[]) => {
    const nodes = new Map(store.list(R.nodes).map((n) => [n.metadata.name!, n]));
    const desired = desiredSlices(svc, pods, nodes);
    const existing = ownedSlices(svc);
    const now = clock.now();
    desired.forEach((content, i) => {
      const cur = existing[i];
      const next = buildSlice(svc, content, now, cur);
      if (!cur) store.create(R.endpointSlices, next);
      else if (!sameJson(sliceContent(cur), sliceContent(next))) store.update(R.endpointSlices, next);
    });
    for (const extra of existing.slice(desired.length)) deleteQuietly(R.endpointSlices, extra);
  };

  const syncEndpoints = (svc: Service, pods: Pod[]) => {
    const subsets = desiredSubsets(svc, pods);
    const labels = serviceDerivedLabels(svc, {});
    const cur = store.get(R.endpoints, svc.metadata.namespace, svc.metadata.name!);
    const content = { labels, subsets };
    if (cur && sameJson({ labels: cur.metadata.labels ?? {}, subsets: cur.subsets ?? [] }, content)) return;
    const metadata = cur ? structuredClone(cur.metadata) : { name: svc.metadata.name, namespace: svc.metadata.namespace };
    metadata.labels = labels;
    metadata.annotations = { ...metadata.annotations, [TRIGGER_TIME_ANNOTATION]: rfc3339Nano(clock.now()) };
    const next: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length ? { subsets } : {}) };
    if (cur) store.update(R.endpoints, next);
    else store.create(R.endpoints, next);
  };

  const deleteQuietly = (resource: string, obj: KubeObject) => {
    try {
      store.delete(resource, obj.metadata.namespace, obj.metadata.name!);
    } catch (err) {
      if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
    }
  };

  const sync = (key: string) => {
    const { namespace, name } = splitKey(key);
    const svc = store.get(R.services, namespace, name) as Service | undefined;
    if (!svc) {
      const ep = store.get(R.endpoints, namespace, name);
      if (ep) deleteQuietly(R.endpoints, ep);
      return;
    }
    if (!hasSelector(svc)) return;
    const pods = store.list(R.pods, namespace) as Pod[];
    syncSlices(svc, pods);
    syncEndpoints(svc, pods);
  };

  const queue = new KeyQueue('endpointslice', sync, store);
  const servicesIn = (namespace?: string) => store.list(R.services, namespace).forEach((s) => queue.add(keyOf(s)));

  const onChange = (c: Change) => {
    const obj = c.object;
    switch (c.resource) {
      case R.services:
        queue.add(keyOf(obj));
        return;
      case R.pods:
        servicesIn(obj.metadata.namespace);
        return;
      case R.nodes:
        servicesIn();
        return;
      case R.endpointSlices: {
        const svc = obj.metadata.labels?.[SERVICE_NAME_LABEL];
        if (svc && obj.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) queue.add(`${obj.metadata.namespace}/${svc}`);
        return;
      }
      case R.endpoints:
        if (c.type === 'DELETED') queue.add(keyOf(obj));
        return;
    }
  };

  const unsubscribe = store.subscribe(onChange);
  servicesIn();
  return {
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
