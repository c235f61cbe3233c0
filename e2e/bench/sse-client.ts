// A minimal Server-Sent Events reader on node:http for the fan-out bench: many of them in one
// process, each recording when every message arrived (epoch ms). Only readers created with
// keepData hold the payloads; the others keep ids and event names, so 250 readers stay cheap.
// pause() stops reading the socket (a stalled browser tab): the server sees TCP backpressure.

import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { epochNow } from './bench-cluster.ts';
import { BenchError } from './stats.ts';

export interface SseEvent {
  id: string | null;
  event: string;
  /** The joined data lines; '' unless the reader keeps data. */
  data: string;
  /** epochNow() when the chunk completing the message arrived. */
  at: number;
  /** Bytes of the message on the wire. */
  bytes: number;
}

export interface SseReaderOptions {
  keepData?: boolean;
  onEvent?: (e: SseEvent) => void;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  bytes = 0;
  error: Error | null = null;
  private buf = '';
  private req: ClientRequest | null = null;
  private res: IncomingMessage | null = null;
  private readonly o: SseReaderOptions;
  private firstWaiters: Array<() => void> = [];

  constructor(opts: SseReaderOptions = {}) {
    this.o = opts;
  }

  /** Connects; resolves once the response headers (200) arrived. */
  open(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream' }, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new BenchError(`GET ${url} answered ${res.statusCode}`));
          return;
        }
        this.res = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.onChunk(chunk));
        res.on('error', (e) => { this.error = e; });
        resolve();
      });
      req.on('error', (e) => { this.error = e; reject(e); });
      req.end();
      this.req = req;
    });
  }

  private onChunk(chunk: string): void {
    const at = epochNow();
    this.bytes += Buffer.byteLength(chunk);
    this.buf += chunk;
    for (;;) {
      const end = this.buf.indexOf('\n\n');
      if (end < 0) break;
      const block = this.buf.slice(0, end);
      this.buf = this.buf.slice(end + 2);
      if (block.startsWith(':') || block.startsWith('retry:')) continue;
      this.onBlock(block, at);
    }
  }

  private onBlock(block: string, at: number): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (this.o.keepData && line.startsWith('data: ')) data.push(line.slice(6));
    }
    const e: SseEvent = { id, event, data: data.join('\n'), at, bytes: Buffer.byteLength(block) + 2 };
    this.events.push(e);
    this.o.onEvent?.(e);
    const w = this.firstWaiters;
    this.firstWaiters = [];
    for (const f of w) f();
  }

  /** Resolves when a message with this event name has arrived (or fails after timeoutMs). */
  waitFor(event: string, timeoutMs: number, after = 0): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const e = this.events.slice(after).find((x) => x.event === event);
        if (e) { clearTimeout(t); resolve(e); return true; }
        return false;
      };
      const t = setTimeout(() => reject(new BenchError(`no "${event}" message within ${timeoutMs} ms`)), timeoutMs);
      const loop = () => { if (!check()) this.firstWaiters.push(loop); };
      loop();
    });
  }

  pause(): void {
    this.res?.pause();
  }

  resume(): void {
    this.res?.resume();
  }

  close(): void {
    this.req?.destroy();
    this.res?.destroy();
  }
}

/** Opens n readers in parallel batches (a burst of 250 connects is itself a load spike). */
export async function openReaders(url: string, n: number, keepFirst: boolean): Promise<SseReader[]> {
  const readers = Array.from({ length: n }, (_, i) => new SseReader({ keepData: keepFirst && i === 0 }));
  for (let i = 0; i < n; i += 25) await Promise.all(readers.slice(i, i + 25).map((r) => r.open(url)));
  return readers;
}
