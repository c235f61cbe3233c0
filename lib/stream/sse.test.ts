import { describe, expect, it } from 'vitest';
import { createDashboardMetrics } from '../metrics/dashboard-metrics.ts';
import { meteredSource } from '../metrics/metered-source.ts';
import { ManualClock } from '../sim/clock.ts';
import type { WireMessage } from './messages.ts';
import { encodeSse, encodeSseMessage, sseResponse, SSE_PING, type SseMessage, type SseSource } from './sse.ts';
import { Subscriber } from './subscriber.ts';

/** A source the test feeds by hand. */
function handSource() {
  const queue: SseMessage[] = [];
  let waiter: (() => void) | null = null;
  let closes = 0;
  let closed = false;
  const source: SseSource = {
    async next() {
      for (;;) {
        if (closed) return null;
        const m = queue.shift();
        if (m) return m;
        await new Promise<void>((r) => { waiter = r; });
      }
    },
    close() { closes++; closed = true; waiter?.(); },
  };
  return {
    source,
    push(m: SseMessage) { queue.push(m); const w = waiter; waiter = null; w?.(); },
    end() { closed = true; waiter?.(); },
    get closes() { return closes; },
  };
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const r = await reader.read();
  return r.done ? '<done>' : new TextDecoder().decode(r.value);
}

describe('encodeSse', () => {
  it('writes id, event and data, ending with a blank line', () => {
    expect(encodeSse({ id: 7, event: 'patch', data: '{"a":1}' })).toBe('id: 7\nevent: patch\ndata: {"a":1}\n\n');
  });

  it('splits multi-line data into one data field per line, whatever the line ending', () => {
    expect(encodeSse({ data: 'a\nb\r\nc\rd' })).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
  });

  it('cannot be broken out of by a newline in the id or event name', () => {
    expect(encodeSse({ id: '1\ndata: x', event: 'a\nb', data: 'y' })).toBe('id: 1data: x\nevent: ab\ndata: y\n\n');
  });

  it('encodes a message as one JSON data line (JSON escapes newlines)', () => {
    const text = encodeSseMessage({ id: 3, event: 'status', data: { message: 'line 1\nline 2' } });
    expect(text).toBe('id: 3\nevent: status\ndata: {"message":"line 1\\nline 2"}\n\n');
  });
});

describe('sseResponse', () => {
  it('has the headers that keep proxies and next start from buffering', () => {
    const res = sseResponse(handSource().source, { clock: new ManualClock() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('connection')).toBe('keep-alive');
    void res.body?.cancel();
  });

  it('streams messages in order and pings every 15 s of the clock', async () => {
    const clock = new ManualClock();
    const h = handSource();
    const reader = sseResponse(h.source, { clock }).body!.getReader();
    h.push({ id: 1, event: 'snapshot', data: { a: 1 } });
    expect(await readChunk(reader)).toBe('id: 1\nevent: snapshot\ndata: {"a":1}\n\n');
    clock.advance(14_999);
    h.push({ id: 2, event: 'patch', data: {} });
    expect(await readChunk(reader)).toBe('id: 2\nevent: patch\ndata: {}\n\n');
    clock.advance(1);
    expect(await readChunk(reader)).toBe(SSE_PING);
    clock.advance(15_000);
    expect(await readChunk(reader)).toBe(SSE_PING);
    await reader.cancel();
  });

  it('does not pile pings up in front of a reader that is not reading', async () => {
    const clock = new ManualClock();
    const reader = sseResponse(handSource().source, { clock }).body!.getReader();
    clock.advance(15_000 * 10);
    expect(await readChunk(reader)).toBe(SSE_PING);
    // Only one ping was queued; the next read waits for the next tick.
    let second: string | null = null;
    void readChunk(reader).then((t) => { second = t; });
    await new Promise((r) => setImmediate(r));
    expect(second).toBeNull();
    clock.advance(15_000);
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(SSE_PING);
    await reader.cancel();
  });

  it('cleans up once when the request is aborted, then when the stream is cancelled', async () => {
    const clock = new ManualClock();
    const h = handSource();
    const abort = new AbortController();
    let onClose = 0;
    const reader = sseResponse(h.source, { clock, signal: abort.signal, onClose: () => onClose++ }).body!.getReader();
    abort.abort();
    expect(await readChunk(reader)).toBe('<done>');
    await reader.cancel();
    expect(h.closes).toBe(1);
    expect(onClose).toBe(1);
    expect(clock.pending()).toBe(0);
  });

  it('cleans up when the client cancels the stream', async () => {
    const clock = new ManualClock();
    const h = handSource();
    const reader = sseResponse(h.source, { clock }).body!.getReader();
    await reader.cancel();
    expect(h.closes).toBe(1);
    expect(clock.pending()).toBe(0);
  });

  it('ends the stream when the source ends', async () => {
    const h = handSource();
    const reader = sseResponse(h.source, { clock: new ManualClock() }).body!.getReader();
    h.end();
    expect(await readChunk(reader)).toBe('<done>');
  });

  it('suggests a reconnection delay first when asked', async () => {
    const reader = sseResponse(handSource().source, { clock: new ManualClock(), retryMs: 2000 }).body!.getReader();
    expect(await readChunk(reader)).toBe('retry: 2000\n\n');
    await reader.cancel();
  });
});

/** Lets the streams and sources run until nothing is left to do without new input. */
const settle = () => new Promise((r) => setImmediate(r));

/** The SSE blocks of a text, pings and retry lines left out. */
function blocks(text: string): string[] {
  return text.split('\n\n').filter((b) => b !== '' && !b.startsWith(':') && !b.startsWith('retry:'));
}

describe('sseResponse fan-out', () => {
  it('sends every client the same bytes and encodes a shared message once', async () => {
    let encodes = 0;
    const data = { toJSON: () => { encodes++; return { pods: ['web-0', 'web-1'], text: 'é ✓' }; } };
    const m: SseMessage = { id: 5, event: 'patch', data };
    const clients = Array.from({ length: 3 }, () => handSource());
    const readers = clients.map((h) => sseResponse(h.source, { clock: new ManualClock() }).body!.getReader());
    for (const h of clients) h.push(m);
    const texts = await Promise.all(readers.map(readChunk));
    expect(texts).toEqual(Array(3).fill('id: 5\nevent: patch\ndata: {"pods":["web-0","web-1"],"text":"é ✓"}\n\n'));
    expect(encodes).toBe(1);
    // A replay of the same message to a reconnecting client costs no new encoding either.
    const late = handSource();
    const lateReader = sseResponse(late.source, { clock: new ManualClock() }).body!.getReader();
    late.push(m);
    expect(await readChunk(lateReader)).toBe(texts[0]);
    expect(encodes).toBe(1);
    await Promise.all([...readers, lateReader].map((r) => r.cancel()));
  });

  it('writes a burst as one chunk, in order, also through the metrics wrapper', async () => {
    const sub = new Subscriber({ limit: 64, materialize: () => null, onClose: () => {} });
    const metrics = createDashboardMetrics();
    const reader = sseResponse(meteredSource(sub, metrics), { clock: new ManualClock() }).body!.getReader();
    await settle();
    for (let id = 1; id <= 5; id++) sub.deliver({ id, event: 'patch', data: { explanations: [`change ${id}`] } });
    const first = await readChunk(reader);
    expect(blocks(first)).toEqual([1, 2, 3, 4, 5].map((id) => `id: ${id}\nevent: patch\ndata: {"explanations":["change ${id}"]}`));
    expect(metrics.sseMessages.get({ event: 'patch' })).toBe(5);
    // What comes later is not waited for by that write; it is the next one.
    sub.deliver({ id: 6, event: 'timeline', data: [] });
    expect(await readChunk(reader)).toBe('id: 6\nevent: timeline\ndata: []\n\n');
    await reader.cancel();
  });

  it('still sends the messages a source gave before it ended', async () => {
    const items: Array<SseMessage | null> = [{ id: 1, event: 'patch', data: {} }, { id: 2, event: 'patch', data: {} }, null];
    let closes = 0;
    const source: SseSource = { next: async () => items.shift() ?? null, close: () => { closes++; } };
    const reader = sseResponse(source, { clock: new ManualClock() }).body!.getReader();
    expect(await readChunk(reader)).toBe('id: 1\nevent: patch\ndata: {}\n\nid: 2\nevent: patch\ndata: {}\n\n');
    expect(await readChunk(reader)).toBe('<done>');
    expect(closes).toBe(1);
  });

  it('keeps a stalled reader bounded, then brings it up to date with a snapshot', async () => {
    let version = 0;
    const snapshot = (): WireMessage[] => [{ id: version, event: 'gone', data: { reason: `state ${version}` } }];
    const sub = new Subscriber({ limit: 4, materialize: snapshot, onClose: () => {} });
    sub.resync();
    const reader = sseResponse(sub, { clock: new ManualClock() }).body!.getReader();
    expect(await readChunk(reader)).toBe('id: 0\nevent: gone\ndata: {"reason":"state 0"}\n\n');

    // The client stops reading while 1,000 changes happen, in bursts as the hub sends them.
    let peak = 0;
    for (version = 1; version <= 1000; version++) {
      sub.deliver({ id: version, event: 'patch', data: { explanations: [`change ${version}`] } });
      peak = Math.max(peak, sub.queued);
      if (version % 10 === 0) await settle();
    }
    version = 1000;
    expect(peak).toBeLessThanOrEqual(4);
    expect(sub.resyncs).toBeGreaterThan(0);

    // Reading again: what the stream already held, then the state as it is now, not 1,000 patches.
    let text = '';
    while (!text.includes('"state 1000"')) text += await readChunk(reader);
    const got = blocks(text);
    expect(got.length).toBeLessThanOrEqual(4 + 2);
    expect(got[got.length - 1]).toBe('id: 1000\nevent: gone\ndata: {"reason":"state 1000"}');
    const ids = got.map((b) => Number(/^id: (\d+)/.exec(b)?.[1]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await reader.cancel();
    expect(sub.isClosed).toBe(true);
  });
});
