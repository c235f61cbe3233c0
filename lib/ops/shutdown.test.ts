// Shutdown: the first SIGTERM or SIGINT stops the hub (closing every SSE stream) and says so.

import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger.ts';
import { installShutdown } from './shutdown.ts';

describe('installShutdown', () => {
  it('stops the hub once, on the first signal, and logs what it closed', () => {
    const handlers = new Map<string, () => void>();
    const lines: string[] = [];
    let stops = 0;
    installShutdown({
      log: createLogger({ level: () => 'info', write: (l) => lines.push(l) }),
      stopHub: () => { stops++; return { streams: 1, subscribers: 4 }; },
      on: (signal, fn) => handlers.set(signal, fn),
    });
    expect([...handlers.keys()]).toEqual(['SIGTERM', 'SIGINT']);
    handlers.get('SIGTERM')!();
    handlers.get('SIGINT')!();
    expect(stops).toBe(1);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ msg: 'shutdown', signal: 'SIGTERM', sseClientsClosed: 4, streamsClosed: 1 })]);
  });

  it('then keeps closing connections as they turn idle', () => {
    vi.useFakeTimers();
    try {
      const handlers = new Map<string, () => void>();
      let closes = 0;
      installShutdown({
        log: createLogger({ level: () => 'error' }),
        stopHub: () => null,
        closeIdle: () => { closes++; },
        pollMs: 100,
        on: (signal, fn) => handlers.set(signal, fn),
      });
      vi.advanceTimersByTime(500);
      expect(closes).toBe(0);
      handlers.get('SIGTERM')!();
      vi.advanceTimersByTime(350);
      expect(closes).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
