'use client';

// useTopologyStream: the one EventSource of a tab for one StatefulSet, folded into a StreamState by
// the pure streamReducer. Contract: mount it once per page and remount it (React `key`) when the
// namespace or name changes, so the old set's data is never shown under the new name. The
// browser reconnects by itself after a dropped connection (sending Last-Event-ID); after a
// non-200 answer it gives up (readyState CLOSED), and then we create a new EventSource with
// backoff, passing the last event id as `?lastEventId=` so the server can replay instead of
// resending everything. Malformed messages are ignored (logged), never fatal.
// Messages that arrive within one frame are folded in one render (batchDispatch): a change is a
// `patch` and a `timeline` event, and a burst on a 1,000-pod set is dozens of them. Those routine
// changes render as a transition (isRoutineChange).

import { startTransition, useEffect, useMemo, useReducer, useState } from 'react';
import { type EarlyStream, takeEarlyStream } from './stream-boot.ts';
import type { ConnectionStatus, Snapshot, TimelineEntry, TopologyPatch } from '../lib/stream/wire.ts';
import { type ConnectionView, RECONNECT_GRACE_MS, connectionView } from './connection-view.ts';
import { reconnectDelay } from './reconnect-delay.ts';
import { type StreamAction, type StreamState, initialStreamState, isRoutineChange, streamReducer } from './stream-state.ts';

export interface TopologyStream extends StreamState {
  connection: ConnectionView;
}

export function watchUrl(namespace: string, name: string): string {
  return `/api/namespaces/${encodeURIComponent(namespace)}/statefulsets/${encodeURIComponent(name)}/watch`;
}

export function useTopologyStream(namespace: string, name: string): TopologyStream {
  const [state, dispatch] = useReducer(streamReducer, initialStreamState);
  // Only timers move this clock: it lets "Reconnecting…" turn into "Stale since …".
  const [now, setNow] = useState(0);

  useEffect(() => {
    // Routine changes render as a transition: sliced, so a burst on a large set is many short
    // tasks rather than one long one (see isRoutineChange).
    const batch = batchDispatch((a) => (isRoutineChange(a) ? startTransition(() => dispatch(a)) : dispatch(a)));
    const close = openStream(watchUrl(namespace, name), batch.dispatch);
    return () => { close(); batch.cancel(); };
  }, [namespace, name]);

  const downSince = state.transport.phase === 'down' ? state.transport.since : null;
  useEffect(() => {
    if (downSince === null) return;
    const wait = Math.max(0, downSince + RECONNECT_GRACE_MS - Date.now()) + 50;
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [downSince]);

  const connection = useMemo(() => connectionView(state, now), [state, now]);
  return useMemo(() => ({ ...state, connection }), [state, connection]);
}

/** Longest a queued action waits when no animation frame comes (a hidden tab gets none). */
const BATCH_MAX_WAIT_MS = 100;

/**
 * Queues actions and hands them to dispatch together, in order, at the next animation frame (or
 * after BATCH_MAX_WAIT_MS when frames do not come), as one `batch` action: one render per frame.
 */
export function batchDispatch(dispatch: (a: StreamAction) => void): { dispatch: (a: StreamAction) => void; cancel(): void } {
  let queue: StreamAction[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancelTimers = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  const flush = () => {
    cancelTimers();
    const actions = queue;
    queue = [];
    if (actions.length === 1) dispatch(actions[0]);
    else if (actions.length > 1) dispatch({ type: 'batch', actions });
  };
  return {
    dispatch(a) {
      queue.push(a);
      if (frame !== null) return;
      frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, BATCH_MAX_WAIT_MS);
    },
    cancel() {
      cancelTimers();
      queue = [];
    },
  };
}

/** Opens the stream and returns the cleanup that closes it and cancels a pending reconnect. */
function openStream(url: string, dispatch: (a: StreamAction) => void): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;
  let lastId = '';
  const seen = (e: MessageEvent) => { if (e.lastEventId) lastId = e.lastEventId; };

  const connect = (early: EarlyStream | null = null) => {
    const es = early?.source ?? new EventSource(lastId ? `${url}?lastEventId=${encodeURIComponent(lastId)}` : url);
    source = es;
    es.onopen = () => {
      attempt = 0;
      dispatch({ type: 'open', now: Date.now() });
    };
    es.onerror = () => {
      dispatch({ type: 'error', now: Date.now() });
      if (es.readyState !== EventSource.CLOSED || stopped) return;
      es.close();
      timer = setTimeout(() => {
        timer = null;
        if (stopped) return;
        dispatch({ type: 'connecting', resume: lastId !== '' });
        connect();
      }, reconnectDelay(attempt++));
    };
    const listen = <T,>(event: string, handle: (data: T) => void) => es.addEventListener(event, (e) => {
      const data = parseData<T>(event, e as MessageEvent<string>);
      if (data === undefined) return;
      seen(e as MessageEvent);
      handle(data);
    });
    listen<Snapshot>('snapshot', (snapshot) => {
      attempt = 0;
      dispatch({ type: 'snapshot', snapshot, now: Date.now() });
    });
    listen<TopologyPatch>('patch', (patch) => dispatch({ type: 'patch', patch }));
    listen<TimelineEntry[]>('timeline', (entries) => dispatch({ type: 'timeline', entries }));
    listen<ConnectionStatus>('status', (status) => dispatch({ type: 'status', status }));
    listen<{ reason?: string }>('gone', (g) => {
      attempt = 0;
      dispatch({ type: 'gone', reason: g.reason ?? 'the StatefulSet does not exist', now: Date.now() });
    });
    if (!early) return;
    // Adopted from the boot script: what it received first, in order, through the same handlers.
    if (early.opened) dispatch({ type: 'open', now: Date.now() });
    for (const m of early.backlog) es.dispatchEvent(new MessageEvent(m.type, { data: m.data, lastEventId: m.lastEventId }));
  };

  connect(takeEarlyStream(url));
  return () => {
    stopped = true;
    source?.close();
    if (timer !== null) clearTimeout(timer);
  };
}

/** The message's JSON, or undefined (logged) when it is malformed. */
function parseData<T>(event: string, e: MessageEvent<string>): T | undefined {
  try {
    return JSON.parse(e.data) as T;
  } catch {
    console.warn(`sts-topology: ignored a malformed "${event}" message`);
    return undefined;
  }
}
