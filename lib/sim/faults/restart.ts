// Stopping the API server and starting it again on the same port, with the same store and
// interceptors: what a client sees when a real kube-apiserver restarts (connections cut,
// "connection refused" while it is down, then the same data under the same address).

import { startApiServer, type ApiServer, type ApiServerOptions } from '../api/server.ts';
import { realClock, type Clock } from '../clock.ts';

/**
 * What restartApiServer needs from the cluster: the server it is running (a mutable field that
 * restartApiServer replaces) and the options it was started with.
 */
export interface RestartTarget {
  api: ApiServer;
  apiOptions: ApiServerOptions;
  /** Set when the cluster stops; a restart still waiting then leaves the server down. */
  stopped?: boolean;
}

export interface RestartOptions {
  /** Times the downtime; default realClock. */
  clock?: Clock;
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((res) => { clock.setTimeout(res, ms); });
}

async function listenAgain(opts: ApiServerOptions, port: number): Promise<ApiServer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startApiServer({ ...opts, port });
    } catch (e) {
      // The kernel may need a moment to release the port; give up after about two seconds.
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 40) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Closes the running API server (every connection, watches included), waits downMs, and starts
 * a new one on the same host and port. Resolves with the new server, also stored in target.api.
 */
export async function restartApiServer(target: RestartTarget, downMs: number, opts: RestartOptions = {}): Promise<ApiServer> {
  const old = target.api;
  // While the port is closed nothing else may hold the process open; this does.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await old.close();
    await sleep(opts.clock ?? realClock, downMs);
    if (target.stopped) return old;
    target.api = await listenAgain(target.apiOptions, old.port);
    return target.api;
  } finally {
    clearInterval(keepAlive);
  }
}
