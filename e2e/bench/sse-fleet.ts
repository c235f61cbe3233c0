// A fleet of SSE readers in a worker thread (see sse-fleet-worker.ts): open() resolves once all
// of them received their first snapshot; collect() closes them and returns what each received.

import { Worker } from 'node:worker_threads';
import { BenchError } from './stats.ts';

export interface FleetEvent {
  id: string | null;
  event: string;
  at: number;
  /** Payload, kept for the first reader only. */
  data: string;
}

export interface FleetReader {
  error: string | null;
  events: FleetEvent[];
}

export interface FleetResult {
  readers: FleetReader[];
  /** Event-loop delay of the clients' thread while they read. */
  loopLagMs: { p99: number; max: number };
}

export interface Fleet {
  collect(): Promise<FleetResult>;
  terminate(): Promise<void>;
}

export function openFleet(url: string, n: number, timeoutMs = 90_000): Promise<Fleet> {
  const worker = new Worker(new URL('./sse-fleet-worker.ts', import.meta.url), { workerData: { url, n, keepFirst: true } });
  const fleet: Fleet = {
    collect: () => new Promise((resolve, reject) => {
      worker.once('message', (m: { type: string; readers?: FleetReader[]; loopLagMs?: FleetResult['loopLagMs'] }) => {
        if (m.type === 'events' && m.readers && m.loopLagMs) resolve({ readers: m.readers, loopLagMs: m.loopLagMs });
        else reject(new BenchError(`SSE fleet answered ${m.type}`));
      });
      worker.postMessage({ type: 'collect' });
    }),
    terminate: async () => { await worker.terminate(); },
  };
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { void worker.terminate(); reject(new BenchError(`${n} SSE clients did not all get a snapshot within ${timeoutMs} ms`)); }, timeoutMs);
    worker.once('message', (m: { type: string; message?: string }) => {
      clearTimeout(t);
      if (m.type === 'ready') resolve(fleet);
      else { void worker.terminate(); reject(new BenchError(`SSE clients failed: ${m.message}`)); }
    });
    worker.once('error', (e) => { clearTimeout(t); reject(e); });
  });
}
