// Server-Sent Events: the text encoding and a Response that streams messages from a source.
// Encoding (https://html.spec.whatwg.org/multipage/server-sent-events.html): `id:`, `event:` and
// one `data:` line per line of the payload, then a blank line; a line starting with `:` is a
// comment (the 15 s `: ping` that keeps port-forwards and proxies from cutting an idle stream).
// The Response pulls: the next message is taken from the source only when the stream asks for
// more, so a slow reader leaves messages in the source's bounded queue, never here.

import { every, systemClock, type Clock } from '../k8s/clock.ts';

export interface SseMessage {
  /** Event id; null for none. */
  id: number | string | null;
  event: string;
  /** Sent as JSON. */
  data: unknown;
}

/** Where the Response takes its messages from (a hub subscription). */
export interface SseSource {
  /** The next message; waits for one; null once the source is closed. */
  next(): Promise<SseMessage | null>;
  /** Stops the source; a pending next() resolves null. Idempotent. */
  close(): void;
}

export const SSE_PING = ': ping\n\n';
export const PING_INTERVAL_MS = 15_000;

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // Without no-transform `next start` compresses the stream and holds bytes back.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

// A field value must not break out of its line: CR, LF and NUL are dropped.
function fieldValue(v: string): string {
  return v.replace(/[\r\n\0]/g, '');
}

/** One SSE message as text. data may span lines: each line gets its own `data:` field. */
export function encodeSse(m: { id?: number | string | null; event?: string | null; data: string; retryMs?: number }): string {
  let out = '';
  if (m.retryMs !== undefined) out += `retry: ${Math.max(0, Math.floor(m.retryMs))}\n`;
  if (m.id !== undefined && m.id !== null) out += `id: ${fieldValue(String(m.id))}\n`;
  if (m.event) out += `event: ${fieldValue(m.event)}\n`;
  for (const line of m.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

export function encodeSseMessage(m: SseMessage): string {
  return encodeSse({ id: m.id, event: m.event, data: JSON.stringify(m.data) });
}

/** A comment line (ignored by EventSource). */
export function encodeSseComment(text: string): string {
  return `: ${fieldValue(text)}\n\n`;
}

export interface SseResponseOptions {
  /** The request's signal: the stream ends when the client goes away. */
  signal?: AbortSignal;
  clock?: Clock;
  pingMs?: number;
  /** Reconnection delay suggested to EventSource, sent once at the start. */
  retryMs?: number;
  /** Called once when the stream ends for any reason. */
  onClose?: () => void;
}

/** A streaming text/event-stream Response fed by source; cleans up once on abort, cancel or end. */
export function sseResponse(source: SseSource, opts: SseResponseOptions = {}): Response {
  const clock = opts.clock ?? systemClock;
  const encoder = new TextEncoder();
  let closed = false;
  let ping: { cancel(): void } | null = null;
  let ctrl: ReadableStreamDefaultController<Uint8Array> | null = null;

  const cleanup = () => {
    if (closed) return;
    closed = true;
    ping?.cancel();
    opts.signal?.removeEventListener('abort', cleanup);
    source.close();
    try { ctrl?.close(); } catch { /* already closed or cancelled */ }
    opts.onClose?.();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      ctrl = controller;
      if (opts.signal?.aborted) { cleanup(); return; }
      opts.signal?.addEventListener('abort', cleanup);
      if (opts.retryMs !== undefined) controller.enqueue(encoder.encode(`retry: ${opts.retryMs}\n\n`));
      ping = every(clock, opts.pingMs ?? PING_INTERVAL_MS, () => {
        // A reader that is behind gets no pings: they would only pile up in front of it.
        if (!closed && (controller.desiredSize ?? 0) > 0) controller.enqueue(encoder.encode(SSE_PING));
      });
    },
    async pull(controller) {
      if (closed) return;
      const m = await source.next();
      if (closed) return;
      if (m === null) { cleanup(); return; }
      controller.enqueue(encoder.encode(encodeSseMessage(m)));
    },
    cancel() {
      cleanup();
    },
  }, { highWaterMark: 1 });

  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
