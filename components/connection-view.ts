// What the connection indicator says, from two sources: the browser's EventSource (is the stream
// delivering?) and the server's `status` (is the server's watch on the cluster working?). The
// worse of the two wins, so data that may be out of date is never labelled "Live".

import { clockTime } from './format.ts';
import type { StreamState } from './stream-state.ts';

/** How long a broken stream shows "Reconnecting…" before it turns into "Stale since …". */
export const RECONNECT_GRACE_MS = 5_000;

export type ConnectionViewState = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface ConnectionView {
  state: ConnectionViewState;
  /** Browser epoch ms since when the data may be out of date; null when live or unknown. */
  since: number | null;
  /** "Live", "Reconnecting…", "Stale since 14:03:12", "Connecting…". */
  text: string;
  /** Plain-language cause, when one is known. */
  detail: string | null;
}

export function connectionView(s: StreamState, now: number): ConnectionView {
  const t = s.transport;
  const hasData = s.topology !== null || s.gone !== null;
  const server = s.server;
  const serverSince = server && server.state !== 'live' && server.since !== null ? server.since - s.clockOffset : null;

  if (t.phase !== 'open') {
    if (!hasData) {
      const retrying = t.since !== null;
      return view(retrying ? 'reconnecting' : 'connecting', t.since, retrying ? 'the dashboard cannot reach its server; retrying' : null);
    }
    const since = earliest(t.since, serverSince);
    const stale = t.since !== null && now - t.since >= RECONNECT_GRACE_MS;
    return view(stale ? 'stale' : 'reconnecting', since, 'the live stream from the dashboard server was interrupted; retrying');
  }
  if (server && server.state !== 'live') return view(server.state, serverSince, server.message);
  return view('live', null, null);
}

function view(state: ConnectionViewState, since: number | null, detail: string | null): ConnectionView {
  return { state, since, text: textOf(state, since), detail };
}

function textOf(state: ConnectionViewState, since: number | null): string {
  switch (state) {
    case 'live': return 'Live';
    case 'connecting': return 'Connecting…';
    case 'reconnecting': return 'Reconnecting…';
    case 'stale': return since === null ? 'Stale' : `Stale since ${clockTime(since)}`;
  }
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
