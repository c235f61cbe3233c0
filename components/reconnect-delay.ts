// Backoff for recreating an EventSource that the browser closed for good (a non-200 answer, e.g.
// the server restarting or a proxy error): 1 s, 2 s, 4 s ... capped at 30 s, with up to 20 %
// jitter so many tabs do not reconnect in step. `random` is injectable for tests.

export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 - 0.2 * random()));
}
