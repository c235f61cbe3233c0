// Wraps a hub subscription (an SseSource) so that each message handed to the SSE response is
// counted by event type and, when the hub marked its origin (lib/stream/message-origin.ts),
// timed from the upstream change to this hand-over. Replays of marked messages to a reconnecting
// client count too: their latency is what that client saw.

import type { SseMessage, SseSource } from '../stream/sse.ts';
import { originOf } from '../stream/message-origin.ts';
import type { DashboardMetrics } from './dashboard-metrics.ts';

export function meteredSource(inner: SseSource, m: DashboardMetrics, now: () => number = Date.now): SseSource {
  return {
    async next(): Promise<SseMessage | null> {
      const msg = await inner.next();
      if (msg) {
        m.sseMessages.inc({ event: msg.event });
        const origin = originOf(msg);
        if (origin !== undefined) m.eventToSend.observe(Math.max(0, now() - origin) / 1000);
      }
      return msg;
    },
    close: () => inner.close(),
  };
}
