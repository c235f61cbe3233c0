import { describe, expect, it } from 'vitest';
import type { ConnectionStatus, Snapshot } from '../lib/stream/wire.ts';
import { RECONNECT_GRACE_MS, connectionView } from './connection-view.ts';
import { clockTime } from './format.ts';
import { type StreamAction, type StreamState, initialStreamState, streamReducer } from './stream-state.ts';
import { seeded } from './testdata/topologies.ts';

// Local time so that clockTime's hh:mm:ss is predictable in any time zone.
const T = new Date(2026, 0, 1, 14, 3, 12).getTime();
const LIVE: ConnectionStatus = { state: 'live', since: null, message: null, notices: [] };
const snap = (status: ConnectionStatus = LIVE, serverTime = T): Snapshot => ({ topology: seeded(), timeline: [], status, serverTime });

function run(...actions: StreamAction[]): StreamState {
  return actions.reduce(streamReducer, initialStreamState);
}

describe('connectionView', () => {
  it('says "Connecting…" before anything arrived', () => {
    expect(connectionView(initialStreamState, T)).toMatchObject({ state: 'connecting', text: 'Connecting…' });
  });

  it('is "Live" when the stream is open and the server watches the cluster', () => {
    expect(connectionView(run({ type: 'snapshot', snapshot: snap(), now: T }), T)).toMatchObject({ state: 'live', text: 'Live', since: null });
  });

  it('never calls data live after the stream broke: "Reconnecting…", then "Stale since" the break', () => {
    const s = run({ type: 'snapshot', snapshot: snap(), now: T - 60_000 }, { type: 'error', now: T });
    expect(connectionView(s, T + 1000)).toMatchObject({ state: 'reconnecting', text: 'Reconnecting…' });
    expect(connectionView(s, T + RECONNECT_GRACE_MS)).toMatchObject({ state: 'stale', text: 'Stale since 14:03:12', since: T });
  });

  it('shows the server\'s stale status in browser time (server clock offset removed)', () => {
    const stale: ConnectionStatus = { state: 'stale', since: T + 3000, message: 'watch on pods failed: connection refused', notices: [] };
    const s = run({ type: 'snapshot', snapshot: snap(stale, T + 3000), now: T });
    const v = connectionView(s, T);
    expect(v).toMatchObject({ state: 'stale', since: T, detail: 'watch on pods failed: connection refused' });
    expect(v.text).toBe(`Stale since ${clockTime(T)}`);
  });

  it('shows the server reconnecting to the cluster as "Reconnecting…"', () => {
    const s = run({ type: 'snapshot', snapshot: snap(), now: T }, { type: 'status', status: { state: 'reconnecting', since: T, message: 'retrying in 2 s', notices: [] } });
    expect(connectionView(s, T)).toMatchObject({ state: 'reconnecting', text: 'Reconnecting…' });
  });

  it('the earlier of the two outages is when staleness began', () => {
    const s = run(
      { type: 'snapshot', snapshot: snap(), now: T },
      { type: 'status', status: { state: 'stale', since: T - 30_000, message: null, notices: [] } },
      { type: 'error', now: T },
    );
    expect(connectionView(s, T + RECONNECT_GRACE_MS).since).toBe(T - 30_000);
  });

  it('is live again once a resumed stream opens and the server is live', () => {
    const s = run({ type: 'snapshot', snapshot: snap(), now: T }, { type: 'error', now: T + 1 }, { type: 'open', now: T + 2 });
    expect(connectionView(s, T + RECONNECT_GRACE_MS * 3).text).toBe('Live');
  });
});
