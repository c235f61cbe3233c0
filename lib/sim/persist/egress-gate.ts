// Holds back response bytes until the store changes they may reveal are on disk.
//
// Why: the log is synced once per event-loop turn (group commit) instead of once per change, so
// a burst of controller writes costs one fsync. For that to keep "acknowledged means durable",
// no byte may leave the process while a change is written but not yet synced: not a write's
// answer, not a watch event, not a list that shows the change. This interceptor wraps
// res.write / res.end of every request (as compression middleware does) and queues calls made
// while the source is behind, in order, releasing them right after the sync.

import type { ServerResponse } from 'node:http';
import type { RequestInterceptor } from '../api/server.ts';

export interface SyncSource {
  /** True while the store holds a change that is not yet durable. */
  unsynced(): boolean;
  /** Calls fn once every change made so far is durable (never, if the disk failed). */
  whenSynced(fn: () => void): void;
}

type AnyFn = (...args: unknown[]) => unknown;

export function holdUntilDurable(res: ServerResponse, src: SyncSource): void {
  const queue: Array<() => void> = [];
  const release = () => {
    while (queue.length) {
      const next = queue.shift()!;
      if (!res.destroyed) next();
    }
  };
  const gate = (original: AnyFn, result: () => unknown): AnyFn => (...args: unknown[]) => {
    if (!queue.length && !src.unsynced()) return original(...args);
    if (!queue.length) src.whenSynced(release);
    queue.push(() => { original(...args); });
    return result();
  };
  const write = res.write.bind(res) as AnyFn;
  const end = res.end.bind(res) as AnyFn;
  // A queued write reports "no backpressure"; the queue drains within one event-loop turn.
  res.write = gate(write, () => true) as ServerResponse['write'];
  res.end = gate(end, () => res) as ServerResponse['end'];
}

/** The interceptor form; it must run before every other interceptor. */
export function egressGate(src: SyncSource): RequestInterceptor {
  return (_req, res) => {
    holdUntilDurable(res, src);
    return false;
  };
}
