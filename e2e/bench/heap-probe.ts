// The dashboard server's retained JavaScript heap, read over the V8 inspector protocol (the bench
// starts the server with --inspect on a loopback port; the product never opens it): a full
// garbage collection, then the heap's used size. RSS alone cannot say whether memory is bounded
// over seconds: a server handling 100 changes a second grows its old generation by megabytes
// between major collections whether or not anything is retained, and RSS follows that sawtooth.

import { BenchError } from './stats.ts';

export class HeapProbe {
  private readonly ws: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener('message', (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id!);
      if (msg.error) p.reject(new BenchError(`inspector: ${msg.error.message}`));
      else p.resolve(msg.result);
    });
    ws.addEventListener('close', () => {
      for (const p of this.pending.values()) p.reject(new BenchError('inspector: the connection closed'));
      this.pending.clear();
    });
  }

  /** `url`: the ws:// address the server printed ("Debugger listening on ws://…"). */
  static async connect(url: string, timeoutMs = 10_000): Promise<HeapProbe> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new BenchError(`inspector: no connection to ${url} within ${timeoutMs} ms`)), timeoutMs);
      ws.addEventListener('open', () => { clearTimeout(t); resolve(); }, { once: true });
      ws.addEventListener('error', () => { clearTimeout(t); reject(new BenchError(`inspector: cannot connect to ${url}`)); }, { once: true });
    });
    return new HeapProbe(ws);
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** MiB of JavaScript heap still in use after a full garbage collection. */
  async retainedMiB(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = (await this.send('Runtime.getHeapUsage')) as { usedSize?: number };
    if (typeof usage.usedSize !== 'number' || !(usage.usedSize > 0)) throw new BenchError('inspector: Runtime.getHeapUsage gave no heap size');
    return usage.usedSize / 2 ** 20;
  }

  close(): void {
    this.ws.close();
  }
}
