import { describe, expect, it } from 'vitest';
import { ManualClock } from '../sim/clock.ts';
import { encodeSse, encodeSseMessage, sseResponse, SSE_PING, type SseMessage, type SseSource } from './sse.ts';

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
