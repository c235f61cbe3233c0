// Test helpers for the fault tests: an API server with a fault injector attached, and a watch
// stream reader that counts bytes and parses events as they arrive.

import { startApiServer, type ApiServerOptions } from '../api/server.ts';
import type { Clock } from '../clock.ts';
import { seedSystem } from '../seed.ts';
import { newClusterStore } from '../store/new-store.ts';
import type { Store } from '../store/store.ts';
import { FaultInjector } from './injector.ts';
import type { RestartTarget } from './restart.ts';

export interface FaultRig {
  store: Store;
  injector: FaultInjector;
  target: RestartTarget;
  url: string;
  close(): Promise<void>;
}

export async function startFaultRig(clock: Clock): Promise<FaultRig> {
  const store = newClusterStore();
  seedSystem(store);
  const injector = new FaultInjector({ clock });
  const apiOptions: ApiServerOptions = { store, interceptors: [injector.interceptor] };
  const target: RestartTarget = { api: await startApiServer(apiOptions), apiOptions };
  injector.attach(target);
  return {
    store, injector, target, url: target.api.url,
    close: async () => { target.stopped = true; injector.clear(); await target.api.close(); },
  };
}

export interface WatchEvent { type: string; object: { kind?: string; code?: number; reason?: string; metadata?: { name?: string } } }

/** A watch being read: events so far, bytes so far, and whether (and when) it ended. */
export class WatchReader {
  events: WatchEvent[] = [];
  bytes = 0;
  status?: number;
  ended = false;
  readonly done: Promise<void>;
  private ctrl = new AbortController();

  constructor(url: string) {
    this.done = this.read(url);
  }

  /** Resolves once pred holds (checked as data arrives); rejects if the stream ends first. */
  async until(pred: (r: WatchReader) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this)) {
      if (this.ended) throw new Error(`the watch ended first; events: ${JSON.stringify(this.events.map((e) => e.type))}`);
      if (Date.now() > deadline) throw new Error('timed out waiting on the watch');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  names(): string[] {
    return this.events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`.trim());
  }

  stop(): void {
    this.ctrl.abort();
  }

  private async read(url: string): Promise<void> {
    try {
      const r = await fetch(url, { signal: this.ctrl.signal });
      this.status = r.status;
      const reader = r.body!.getReader();
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.bytes += value.length;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          this.events.push(JSON.parse(buf.slice(0, i)) as WatchEvent);
          buf = buf.slice(i + 1);
        }
      }
    } catch {
      // aborted or cut: both end the stream
    } finally {
      this.ended = true;
    }
  }
}

export async function post(url: string, fault: string, args: Record<string, unknown> = {}): Promise<{ status: number; json: { message?: string; error?: string; faults?: Array<{ fault: string; description: string }> } }> {
  const r = await fetch(`${url}/_sim/faults/${fault}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
  return { status: r.status, json: await r.json() };
}

/** Polls cond every few ms (real time: it waits on sockets, not on the clock). */
export async function eventually(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
