// The server's connection to the cluster as the browser sees it (wire.ts ConnectionStatus),
// folded from the state of every reflector of a namespace. Pure.
// - live: every kind listed and watched (or degraded by RBAC, which only adds a notice);
// - reconnecting: a list or watch failed and is being retried, or the first list is still
//   running; `since` is when the data stopped being known fresh;
// - stale: reconnecting for longer than staleAfterMs: what is shown may well be out of date.

import type { ConnectionStatus } from '../stream/wire.ts';
import type { ReflectorStatus } from './reflector.ts';

export interface KindStatus {
  status: ReflectorStatus;
  synced: boolean;
}

export function foldConnectionStatus(kinds: readonly KindStatus[], opts: { now: number; startedAt: number; staleAfterMs: number }): ConnectionStatus {
  const notices = kinds.filter((k) => k.status.phase === 'forbidden' && k.status.message).map((k) => k.status.message as string);
  const failing = kinds.filter((k) => k.status.phase === 'failing');
  if (failing.length > 0) {
    const since = Math.min(...failing.map((k) => k.status.failingSince ?? opts.now));
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more)` : '';
    return {
      state: opts.now - since >= opts.staleAfterMs ? 'stale' : 'reconnecting',
      since,
      message: `${failing[0].status.message}${more}`,
      notices,
    };
  }
  if (kinds.some((k) => !k.synced)) {
    return { state: 'reconnecting', since: opts.startedAt, message: 'connecting to the cluster', notices };
  }
  return { state: 'live', since: null, message: null, notices };
}
