// Graceful shutdown on SIGTERM (a rolling update, `kubectl delete pod`) and SIGINT: stop the hub,
// which closes every SSE stream and upstream watch at once. Next.js's own handler (start-server)
// meanwhile stops accepting connections and waits for open responses to end before exiting; the
// SSE streams are the responses that would otherwise never end, so without this the pod would
// sit out its whole terminationGracePeriodSeconds and then be killed. Browsers reconnect (their
// EventSource retries) to another replica or to the new pod. Keep-alive connections that turn
// idle after that are closed as they do (closeIdle, every pollMs), so nothing waits out a
// keep-alive timeout either.
// Only effective when Next.js handles the signals (NEXT_MANUAL_SIG_HANDLE unset, the default).

import type { Logger } from '../log/logger.ts';

export interface ShutdownOptions {
  /** Stops the hub if there is one (it must not create one). */
  stopHub: () => { streams: number; subscribers: number } | null;
  log: Logger;
  /** Closes the server's idle keep-alive connections. */
  closeIdle?: () => void;
  pollMs?: number;
  signals?: readonly NodeJS.Signals[];
  on?: (signal: NodeJS.Signals, fn: () => void) => void;
}

export function installShutdown(o: ShutdownOptions): void {
  const on = o.on ?? ((signal, fn) => { process.once(signal, fn); });
  let done = false;
  for (const signal of o.signals ?? ['SIGTERM', 'SIGINT']) {
    on(signal, () => {
      if (done) return;
      done = true;
      const stopped = o.stopHub();
      o.log.info('shutdown', { signal, sseClientsClosed: stopped?.subscribers ?? 0, streamsClosed: stopped?.streams ?? 0 });
      const closeIdle = o.closeIdle;
      if (closeIdle) setInterval(closeIdle, o.pollMs ?? 100).unref();
    });
  }
}
