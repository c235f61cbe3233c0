// The event recorder every simulated controller uses, shaped like client-go's
// tools/record recorder writing core/v1 Events:
// - name `<involvedObject.name>.<hex unix nanos>`, unique per store (nanos are bumped when two
//   events fall in the same instant, as several do under a ManualClock);
// - namespace of the involved object, `default` for cluster-scoped objects;
// - an event identical to an earlier one (same source, involved object, type, reason, message,
//   fieldPath) still in the store has its count incremented and lastTimestamp moved instead of a
//   new object being created (client-go's EventCorrelator dedup).
// Limits: no spam filter, no "(combined from similar events)" aggregation, no TTL expiry.

import type { KubeObject } from '../../kube/types.ts';
import type { Clock } from '../clock.ts';
import { R } from '../resources.ts';
import { StoreError, type Store } from '../store/store.ts';
import { rfc3339 } from './controller-kit.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventOptions {
  /** source.component and reportingComponent, e.g. "kubelet", "statefulset-controller". */
  component?: string;
  /** source.host and reportingInstance, e.g. the node name for kubelet events. */
  host?: string;
  /** involvedObject.fieldPath, e.g. "spec.containers{nginx}". */
  fieldPath?: string;
}

export interface EventRecorder {
  record(involved: KubeObject, type: EventType, reason: string, message: string, opts?: EventOptions): void;
}

// Last nanosecond stamp handed out per store, so names stay unique across recorders.
const lastNanos = new WeakMap<Store, bigint>();

function nextNanos(store: Store, ms: number): bigint {
  const base = BigInt(Math.floor(ms)) * 1_000_000n;
  const prev = lastNanos.get(store) ?? 0n;
  const n = base > prev ? base : prev + 1n;
  lastNanos.set(store, n);
  return n;
}

/**
 * A recorder writing Events into the store. `defaults` fills component/host for calls that do
 * not pass them. Recording never throws: a failed write is logged and dropped, as client-go does.
 */
export function newEventRecorder(store: Store, clock: Clock, defaults: EventOptions = {}): EventRecorder {
  const seen = new Map<string, { namespace: string; name: string }>();

  const bump = (namespace: string, name: string, now: number): boolean => {
    const existing = store.get(R.events, namespace, name);
    if (!existing) return false;
    const next = structuredClone(existing) as KubeObject & { count?: number; lastTimestamp?: string };
    next.count = (next.count ?? 1) + 1;
    next.lastTimestamp = rfc3339(now);
    store.update(R.events, next);
    return true;
  };

  const record: EventRecorder['record'] = (involved, type, reason, message, opts = {}) => {
    const component = opts.component ?? defaults.component ?? '';
    const host = opts.host ?? defaults.host ?? '';
    const fieldPath = opts.fieldPath ?? '';
    const meta = involved.metadata;
    const namespace = meta.namespace || 'default';
    const now = clock.now();
    const key = JSON.stringify([component, host, involved.kind, involved.apiVersion, meta.namespace, meta.name, meta.uid, fieldPath, type, reason, message]);
    try {
      const prev = seen.get(key);
      if (prev && bump(prev.namespace, prev.name, now)) return;
      const ts = rfc3339(now);
      const event: KubeObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${meta.name}.${nextNanos(store, now).toString(16)}`, namespace },
        involvedObject: {
          kind: involved.kind,
          namespace: meta.namespace,
          name: meta.name,
          uid: meta.uid,
          apiVersion: involved.apiVersion,
          resourceVersion: meta.resourceVersion,
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        source: { component, ...(host ? { host } : {}) },
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: host,
      };
      const created = createUnique(store, event, now);
      seen.set(key, { namespace, name: created.metadata.name! });
      if (seen.size > 4096) seen.delete(seen.keys().next().value as string);
    } catch (err) {
      console.error(`[events] could not record ${reason} for ${meta.name}:`, err);
    }
  };
  return { record };
}

function createUnique(store: Store, event: KubeObject, now: number): KubeObject {
  const base = (event.involvedObject as { name?: string }).name;
  for (;;) {
    try {
      return store.create(R.events, event);
    } catch (err) {
      if (!(err instanceof StoreError) || err.reason !== 'AlreadyExists') throw err;
      event.metadata.name = `${base}.${nextNanos(store, now).toString(16)}`;
    }
  }
}
