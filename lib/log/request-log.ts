// One record per HTTP request the server answers, taken when the response is done (finished, or
// closed early by the client: an SSE stream that ends when the tab closes), from Node's
// `http.server.request.start` diagnostics channel: every request is seen, including those the
// proxy answers itself, without any route's cooperation.
// logRequest writes the `request` line: API routes at info; the probes (/api/healthz,
// /api/readyz), metric scrapes, pages and assets at debug, so a healthy pod's log is not a wall
// of probe lines. Logged: method, path (never the query string: it may hold ?token=), status,
// duration, and whether the client went away first. Never headers or cookies.

import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOnly, type LogLevel, type Logger } from './logger.ts';

const CHANNEL = 'http.server.request.start';
const QUIET_API = new Set(['/api/healthz', '/api/readyz', '/api/metrics']);

export interface RequestInfo {
  method: string;
  /** Without query string. */
  path: string;
  status: number;
  ms: number;
  /** The client closed the connection before the response was complete. */
  aborted: boolean;
}

export function requestLevel(path: string): LogLevel {
  if (QUIET_API.has(path)) return 'debug';
  return path === '/api' || path.startsWith('/api/') ? 'info' : 'debug';
}

export function logRequest(log: Logger, r: RequestInfo): void {
  const level = requestLevel(r.path);
  if (!log.enabled(level)) return;
  log[level]('request', { method: r.method, path: r.path, status: r.status, ms: r.ms, aborted: r.aborted || undefined });
}

/** Calls onDone once per request when its response is done; returns the function that stops it. */
export function observeRequests(onDone: (r: RequestInfo) => void, now: () => number = () => performance.now()): () => void {
  const onStart = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = now();
    response.once('close', () => {
      onDone({
        method: request.method ?? 'GET',
        path: pathOnly(request.url),
        status: response.statusCode,
        ms: Math.round((now() - start) * 10) / 10,
        aborted: !response.writableFinished,
      });
    });
  };
  subscribe(CHANNEL, onStart);
  return () => unsubscribe(CHANNEL, onStart);
}
