// Worker thread that holds a fleet of SSE readers (sse-fleet.ts), so that reading and parsing
// hundreds of streams does not share an event loop with the embedded cluster's API server.
// Protocol: workerData {url, n, keepFirst}; posts {type:'ready'} once every reader has its first
// snapshot (or {type:'error'}); on {type:'collect'} posts {type:'events', readers, loopLagMs}
// and exits.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { openReaders, type SseReader } from './sse-client.ts';

const { url, n, keepFirst } = workerData as { url: string; n: number; keepFirst: boolean };
let readers: SseReader[] = [];
// How late this thread ran its callbacks: a busy client fleet would show up as delivery latency.
const lag = monitorEventLoopDelay({ resolution: 10 });

try {
  readers = await openReaders(url, n, keepFirst);
  await Promise.all(readers.map((r) => r.waitFor('snapshot', 60_000)));
  lag.enable();
  parentPort!.postMessage({ type: 'ready' });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message });
}

parentPort!.on('message', (m: { type: string }) => {
  if (m.type !== 'collect') return;
  for (const r of readers) r.close();
  lag.disable();
  parentPort!.postMessage({
    type: 'events',
    loopLagMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
    readers: readers.map((r, i) => ({
      error: r.error?.message ?? null,
      events: r.events.map((e) => ({ id: e.id, event: e.event, at: e.at, data: i === 0 && keepFirst ? e.data : '' })),
    })),
  });
  parentPort!.close();
});
