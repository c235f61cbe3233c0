// Server-Sent Events: the text encoding and a Response that streams messages from a source.
// Encoding (https://html.spec.whatwg.org/multipage/server-sent-events.html): `id:`, `event:` and
// one `data:` line per line of the payload, then a blank line; a line starting with `:` is a
// comment (the 15 s `: ping` that keeps port-forwards and proxies from cutting an idle stream).
// The Response pulls: messages are taken from the source only when the stream asks for more, so
// a slow reader leaves messages in the source's bounded queue, never here.
// Fan-out cost: the hub hands the same message object to every subscriber, so its bytes are
// encoded once (sseBytes) and shared; and each pull writes everything the source already has
// as one chunk, so a burst costs one write per client, not one per message.

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
  /** The next message; waits for one; null once the source is closed. The Response never has two calls pending. */
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

const encoder = new TextEncoder();
const PING_BYTES = encoder.encode(SSE_PING);
const BYTES = new WeakMap<SseMessage, Uint8Array>();

/**
 * The message's UTF-8 encoding, computed on first use and shared by every caller after that
 * (keyed by the message object, dropped with it). Contract: a message is not changed once it
 * was handed out, and nobody writes into the returned bytes.
 */
export function sseBytes(m: SseMessage): Uint8Array {
  let bytes = BYTES.get(m);
  if (!bytes) {
    bytes = encoder.encode(encodeSseMessage(m));
    BYTES.set(m, bytes);
  }
  return bytes;
}

/** One chunk holding every message's bytes in order (the shared bytes themselves for one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A comment line (ignored by EventSource). */
export function encodeSseComment(text: string): string {
  return `: ${fieldValue(text)}\n\n`;
}

// Resolves after the microtasks queued now have run (at the event loop's next check phase): by
// then a source has handed over everything it already held; a message it has to wait for (a
// timer, I/O) is left for the next batch unless it happens to come first. One promise serves
// every stream in the process.
let turn: Promise<void> | null = null;
function endOfTurn(): Promise<void> {
  turn ??= new Promise<void>((resolve) => setImmediate(() => { turn = null; resolve(); }));
  return turn;
}

const TURN_OVER = Symbol('turn over');

/**
 * Reads a source in batches: a batch is the first message (waited for) plus every message the
 * source gives without waiting. The source may be wrapped (metrics), so "without waiting" is
 * judged by time, not by asking it: a next() that settles before the turn ends had the message
 * already. A next() still pending then is kept for the following batch (one call at a time).
 */
class BatchReader {
  private readonly source: SseSource;
  private pending: Promise<SseMessage | null> | null = null;

  constructor(source: SseSource) {
    this.source = source;
  }

  /** The next batch (at least one message); null once the source ended. */
  async read(): Promise<SseMessage[] | null> {
    const first = await this.take();
    if (first === null) return null;
    const batch = [first];
    const over = endOfTurn().then((): typeof TURN_OVER => TURN_OVER);
    for (;;) {
      const p = this.take();
      const m = await Promise.race([p, over]);
      // At the source's end too, send what came before: the next read() sees the end.
      if (m === TURN_OVER || m === null) {
        this.pending = p;
        return batch;
      }
      batch.push(m);
    }
  }

  private take(): Promise<SseMessage | null> {
    const p = this.pending ?? this.source.next();
    this.pending = null;
    return p;
  }
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
  const reader = new BatchReader(source);
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

  // highWaterMark 1 (one chunk): the stream asks for the next batch only once the previous one
  // was taken by the writer, so a reader that is behind leaves its messages in the source.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      ctrl = controller;
      if (opts.signal?.aborted) { cleanup(); return; }
      opts.signal?.addEventListener('abort', cleanup);
      if (opts.retryMs !== undefined) controller.enqueue(encoder.encode(`retry: ${opts.retryMs}\n\n`));
      ping = every(clock, opts.pingMs ?? PING_INTERVAL_MS, () => {
        // A reader that is behind gets no pings: they would only pile up in front of it.
        if (!closed && (controller.desiredSize ?? 0) > 0) controller.enqueue(PING_BYTES);
      });
    },
    async pull(controller) {
      if (closed) return;
      const batch = await reader.read();
      if (closed) return;
      if (batch === null) { cleanup(); return; }
      controller.enqueue(concatBytes(batch.map(sseBytes)));
    },
    cancel() {
      cleanup();
    },
  }, { highWaterMark: 1 });

  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
