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
import { KeyQueue, keyOf, rfc3339Nano, splitKey } from './controller-kit.ts';
import {
  desiredSlices, desiredSubsets, hasSelector, selects, serviceDerivedLabels,
  MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, TRIGGER_TIME_ANNOTATION,
  type Service, type SliceContent,
} from './endpoint-builders.ts';
import { InformerCache } from './informer-cache.ts';
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

// Stored objects are frozen: the JSON text of their comparable content is computed once.
const contentText = new WeakMap<KubeObject, string>();

/** Remembers that a freshly written object's content is `text` (it is what was sent). */
function wrote(obj: KubeObject, text: string): KubeObject {
  if (Object.isFrozen(obj)) contentText.set(obj, text);
  return obj;
}

function storedText(obj: KubeObject, content: (o: KubeObject) => unknown): string {
  let text = contentText.get(obj);
  if (text === undefined) {
    text = JSON.stringify(content(obj));
    if (Object.isFrozen(obj)) contentText.set(obj, text);
  }
  return text;
}

const endpointsContent = (o: KubeObject) => ({ labels: o.metadata.labels ?? {}, subsets: o.subsets ?? [] });

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
  const pods = new InformerCache(store, R.pods);
  // resourceVersions of our own slice writes: their changes need no re-sync (upstream's
  // endpointSliceTracker ignores the slices it wrote itself the same way).
  const ownWrites = new Set<string>();
  const own = (obj: KubeObject) => {
    ownWrites.add(obj.metadata.resourceVersion!);
    return obj;
  };

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
      const text = JSON.stringify(sliceContent(next));
      if (!cur) own(wrote(store.create(R.endpointSlices, next), text));
      else if (storedText(cur, sliceContent) !== text) own(wrote(store.update(R.endpointSlices, next), text));
    });
    for (const extra of existing.slice(desired.length)) deleteQuietly(R.endpointSlices, extra);
  };

  const syncEndpoints = (svc: Service, pods: Pod[]) => {
    const subsets = desiredSubsets(svc, pods);
    const labels = serviceDerivedLabels(svc, {});
    const cur = store.get(R.endpoints, svc.metadata.namespace, svc.metadata.name!);
    const text = JSON.stringify({ labels, subsets });
    if (cur && storedText(cur, endpointsContent) === text) return;
    const metadata = cur ? structuredClone(cur.metadata) : { name: svc.metadata.name, namespace: svc.metadata.namespace };
    metadata.labels = labels;
    metadata.annotations = { ...metadata.annotations, [TRIGGER_TIME_ANNOTATION]: rfc3339Nano(clock.now()) };
    const next: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length ? { subsets } : {}) };
    wrote(cur ? store.update(R.endpoints, next) : store.create(R.endpoints, next), text);
  };

  const deleteQuietly = (resource: string, obj: KubeObject) => {
    try {
      own(store.delete(resource, obj.metadata.namespace, obj.metadata.name!).object);
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
    const selected = (pods.list(namespace) as Pod[]).filter((p) => selects(svc, p));
    syncSlices(svc, selected);
    syncEndpoints(svc, selected);
  };

  const queue = new KeyQueue('endpointslice', sync, store);
  const servicesIn = (namespace?: string) => store.list(R.services, namespace).forEach((s) => queue.add(keyOf(s)));

  const onChange = (c: Change) => {
    const obj = c.object;
    pods.observe(c);
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
        if (ownWrites.delete(obj.metadata.resourceVersion!)) return;
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
