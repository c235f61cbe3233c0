// Streaming watch (`?watch=1`), as kube-apiserver serves it: newline-delimited JSON events, one
// write per event, flushed at once. Semantics:
// - resourceVersion unset or "0": ADDED for every matching object, then live changes.
// - resourceVersion N: every change after N; if N was compacted away, one ERROR event carrying a
//   410 Expired Status, then the stream ends (what client-go and client-node relist on).
// - selectors: an object that stops matching is sent as DELETED, one that starts matching as ADDED.
// - allowWatchBookmarks: periodic BOOKMARK events carrying the newest resourceVersion.
// - timeoutSeconds: the stream ends cleanly after it.
// - a client that stops reading is cut off once its unsent backlog passes a bound.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/types.ts';
import { apiVersionOf, type ResourceDef } from '../resources.ts';
import { StoreError, type Change, type Store, type Watcher } from '../store/store.ts';
import { toTable } from './printers.ts';
import { errors } from './status.ts';

export interface WatchParams {
  def: ResourceDef;
  namespace?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  bookmarks: boolean;
  table: boolean;
  includeObject?: 'None' | 'Metadata' | 'Object';
  match: (o: KubeObject) => boolean;
}

export interface WatchHooks {
  /** Called for every open watch so the fault injector can drop or stall it. */
  register?: (w: OpenWatch) => () => void;
  bookmarkIntervalMs?: number;
  maxBacklogBytes?: number;
  now: () => number;
}

export interface OpenWatch {
  resource: string;
  /** Ends the stream now, as a dropped connection would. */
  drop(): void;
  /** Stops sending anything (bytes included) while keeping the connection open. */
  stall(): void;
}

function parseFromRV(rv: string | undefined): number | undefined {
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  if (!/^\d+$/.test(rv)) throw errors.badRequest(`invalid resource version "${rv}": must be a non-negative integer`);
  return Number(rv);
}

export function serveWatch(store: Store, req: IncomingMessage, res: ServerResponse, p: WatchParams, hooks: WatchHooks): void {
  const fromRV = parseFromRV(p.resourceVersion);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.socket?.setNoDelay(true);
  // Send the headers now: a client waits for them before it treats the watch as established.
  res.flushHeaders();

  let first = true;
  let stalled = false;
  let closed = false;
  const maxBacklog = hooks.maxBacklogBytes ?? 16 * 1024 * 1024;
  const apiVersion = apiVersionOf(p.def);

  const encode = (type: string, obj: KubeObject): string => {
    let object: unknown = { ...obj, apiVersion, kind: p.def.kind };
    if (p.table && type !== 'BOOKMARK' && type !== 'ERROR') {
      object = toTable(p.def.key, [obj], { now: hooks.now(), noHeaders: !first, includeObject: p.includeObject });
      (object as KubeObject).metadata = { resourceVersion: obj.metadata.resourceVersion };
      first = false;
    }
    return `${JSON.stringify({ type, object })}\n`;
  };
  const send = (type: string, obj: KubeObject) => {
    if (closed || stalled) return;
    res.write(encode(type, obj));
    if (res.writableLength > maxBacklog) close();
  };

  const onChange = (c: Change) => {
    const now = p.match(c.object);
    const before = c.old ? p.match(c.old) : false;
    if (c.type === 'ADDED') { if (now) send('ADDED', c.object); return; }
    if (c.type === 'DELETED') { if (now || before) send('DELETED', c.object); return; }
    if (now && before) send('MODIFIED', c.object);
    else if (now) send('ADDED', c.object);
    else if (before) send('DELETED', c.object);
  };

  let watcher: Watcher | undefined;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let unregister = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    watcher?.stop();
    timers.forEach((t) => clearTimeout(t));
    unregister();
    res.end();
  };
  req.on('close', close);
  res.on('close', close);

  try {
    watcher = store.watch(p.def.key, { namespace: p.namespace, fromRV }, onChange);
  } catch (e) {
    if (e instanceof StoreError && e.reason === 'Expired') {
      res.write(`${JSON.stringify({ type: 'ERROR', object: errors.gone(e.message).toStatus() })}\n`);
      close();
      return;
    }
    throw e;
  }

  const timeoutMs = (p.timeoutSeconds ?? 1800) * 1000;
  timers.push(setTimeout(close, timeoutMs));
  if (p.bookmarks) {
    const interval = hooks.bookmarkIntervalMs ?? 5000;
    const tick = () => {
      send('BOOKMARK', { kind: p.def.kind, apiVersion, metadata: { resourceVersion: String(store.currentRV()), annotations: {} } } as KubeObject);
      timers.push(setTimeout(tick, interval));
    };
    timers.push(setTimeout(tick, interval));
  }
  if (hooks.register) {
    unregister = hooks.register({ resource: p.def.key, drop: close, stall: () => { stalled = true; } });
  }
}
