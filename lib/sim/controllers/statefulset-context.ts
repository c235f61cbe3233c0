// What one StatefulSet sync may do to the cluster: read the store, write through the API
// server's create path (defaults and initial status, as a real client's request would get),
// and record events. Kept behind one small interface so the sync logic stays testable.

import type { KubeObject } from '../../kube/types.ts';
import type { Store } from '../store/store.ts';

export type EventType = 'Normal' | 'Warning';

/** The part of the event recorder the controller uses (events.ts `newEventRecorder`). */
export interface EventSink {
  record(involved: KubeObject, type: EventType, reason: string, message: string, opts?: Record<string, unknown>): void;
}

export interface SyncContext {
  store: Store;
  recorder: EventSink;
  /** Milliseconds since the epoch, fixed for one sync. */
  now: number;
  /** Creates an object as the API server would on a client's POST (defaults, initial status). */
  create<T extends KubeObject>(resource: string, obj: T): T;
  /** The namespace's pods, sorted by name, from an informer-like cache; without it the store is listed. */
  listPods?(namespace: string | undefined): readonly KubeObject[];
  /**
   * A claim as an informer-like cache holds it (may lag behind this sync's own writes). Used
   * only to tell whether a claim changed since an earlier check; without it the store is read.
   */
  cachedClaim?(namespace: string | undefined, name: string): KubeObject | undefined;
}

/** Joins errors as Go's utilerrors.NewAggregate prints them. */
export function aggregateError(errs: Error[]): Error | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return new Error(`[${errs.map((e) => e.message).join(', ')}]`);
}

/** Store and API errors both carry a Kubernetes reason ("NotFound", "AlreadyExists", ...). */
export function hasReason(e: unknown, reason: string): boolean {
  return !!e && typeof e === 'object' && (e as { reason?: unknown }).reason === reason;
}

export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
