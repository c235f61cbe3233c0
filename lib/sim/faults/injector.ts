// Fault injection for the embedded cluster: the failures a dashboard (or any client-go style
// client) must survive, on demand. Every fault acts as a real kube-apiserver failure looks on
// the wire:
// - drop-watches: every open watch stream ends, as when a connection is cut.
// - expire-next-watch: the next watch gets a 200 stream holding one ERROR event with a
//   410 Expired Status, then ends (what the server sends for a compacted resourceVersion).
// - fail-next: the next N gets/lists (not watches) fail with 500 InternalError, or 429
//   TooManyRequests with a Retry-After header and details.retryAfterSeconds.
// - delay: the next N requests (or all, until cleared) wait before being handled.
// - compact: the change log is dropped; resuming a watch from an older version gets 410.
// - hang-watches: open watches (or the next new one) stop sending bytes, connection kept open.
// - restart: the API server goes away (connections refused) and comes back on the same port.
// Each call replaces the pending fault of its kind; clear() ends them all (hung watches are
// dropped so their clients reconnect; requests a delay holds back go ahead at once).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestInterceptor } from '../api/server.ts';
import { parseResourcePath, sendError } from '../api/request.ts';
import { ApiError, errors } from '../api/status.ts';
import type { OpenWatch } from '../api/watch.ts';
import { realClock, type Clock } from '../clock.ts';
import { FAULT_PATH, serveFaultAdmin } from './admin.ts';
import { FaultError } from './fault-error.ts';
import { restartApiServer, type RestartTarget } from './restart.ts';

export type FailCode = 500 | 429;

export interface ActiveFault {
  fault: string;
  description: string;
}

export interface FaultInjectorOptions {
  /** Times delays, hangs and restart downtime; default realClock. */
  clock?: Clock;
  log?: (line: string) => void;
}

const WATCH_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' };

function classify(req: IncomingMessage, url: URL): 'watch' | 'read' | 'other' {
  if ((req.method ?? 'GET') !== 'GET') return 'other';
  try {
    if (!parseResourcePath(url.pathname)) return 'other';
  } catch {
    return 'other';
  }
  const w = url.searchParams.get('watch');
  return w === 'true' || w === '1' ? 'watch' : 'read';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('h') ? 'es' : 's'}`;
const theNext = (n: number, one: string, many: string) => (n === 1 ? `the next ${one}` : `the next ${n} ${many}`);

export class FaultInjector {
  readonly interceptor: RequestInterceptor;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private target?: RestartTarget;
  private expireNext = 0;
  private hangNext?: { remaining: number; ms?: number };
  private fail?: { remaining: number; code: FailCode; retryAfterSeconds: number };
  private slow?: { ms: number; remaining?: number };
  private stalled = new Set<OpenWatch>();
  private hung = new Set<ServerResponse>();
  /** Releases the requests a delay is holding back. */
  private delayed = new Set<() => void>();
  private restarting = false;

  constructor(opts: FaultInjectorOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.log = opts.log ?? (() => {});
    this.interceptor = (req, res, url) => this.intercept(req, res, url);
  }

  /** Gives the injector the running cluster (needed by drop, hang, compact and restart). */
  attach(target: RestartTarget): void {
    this.target = target;
  }

  dropWatches(): number {
    const watches = [...this.cluster().api.watches];
    for (const w of watches) w.drop();
    this.log(`[faults] dropped ${plural(watches.length, 'watch')}`);
    return watches.length;
  }

  expireNextWatch(count = 1): void {
    this.expireNext = count;
  }

  failNext(count: number, code: FailCode, retryAfterSeconds = 1): void {
    this.fail = { remaining: count, code, retryAfterSeconds };
  }

  /** Delays the next `count` requests by ms; without count, every request until clear(). */
  delay(ms: number, count?: number): void {
    this.slow = { ms, remaining: count };
  }

  /** Drops the whole change log; returns the resourceVersion it was compacted through. */
  compact(): number {
    const { store } = this.cluster().apiOptions;
    const rv = store.currentRV();
    store.compact(rv);
    return rv;
  }

  /**
   * Makes watches hang without a byte: every open one, or (next) the next new one, which gets
   * its 200 and headers and then nothing. With ms, they end after that long; without, they
   * hang until the client gives up or clear() is called.
   */
  hangWatches(opts: { next?: boolean; ms?: number } = {}): number {
    if (opts.next) {
      this.hangNext = { remaining: 1, ms: opts.ms };
      return 0;
    }
    const watches = [...this.cluster().api.watches];
    for (const w of watches) {
      w.stall();
      this.stalled.add(w);
      if (opts.ms !== undefined) this.clock.setTimeout(() => { w.drop(); this.stalled.delete(w); }, opts.ms);
    }
    return watches.length;
  }

  /**
   * Stops the API server, waits downMs, and starts it again on the same port. Refuses at once
   * (FaultError) when no cluster is attached or a restart is under way; with `after`, the
   * server is stopped only once that settles (the admin API answers its caller first).
   */
  restart(downMs: number, opts: { after?: Promise<unknown> } = {}): Promise<void> {
    const target = this.cluster();
    if (this.restarting) throw new FaultError(409, 'the API server is already restarting');
    this.restarting = true;
    return (async () => {
      try {
        await opts.after;
        this.stalled.clear();
        await restartApiServer(target, downMs, { clock: this.clock });
        this.log(`[faults] API server restarted on ${target.api.url}`);
      } finally {
        this.restarting = false;
      }
    })();
  }

  /** Forgets every pending fault, ends hung watches and lets delayed requests go ahead now. */
  clear(): void {
    this.expireNext = 0;
    this.hangNext = undefined;
    this.fail = undefined;
    this.slow = undefined;
    for (const release of [...this.delayed]) release();
    for (const w of this.stalled) w.drop();
    this.stalled.clear();
    for (const res of this.hung) res.end();
    this.hung.clear();
  }

  list(): ActiveFault[] {
    const out: ActiveFault[] = [];
    const add = (fault: string, description: string) => out.push({ fault, description });
    if (this.expireNext) add('expire-next-watch', `${theNext(this.expireNext, 'watch gets', 'watches get')} 410 Expired`);
    if (this.fail) {
      const how = this.fail.code === 429 ? `429 TooManyRequests (Retry-After: ${this.fail.retryAfterSeconds})` : '500 InternalError';
      add('fail-next', `${theNext(this.fail.remaining, 'get or list fails', 'gets or lists fail')} with ${how}`);
    }
    if (this.slow) {
      const who = this.slow.remaining === undefined ? 'every request waits' : theNext(this.slow.remaining, 'request waits', 'requests wait');
      add('delay', `${who} ${this.slow.ms} ms`);
    }
    if (this.hangNext) add('hang-watches', `the next watch hangs${this.hangNext.ms === undefined ? '' : ` for ${this.hangNext.ms} ms`}`);
    const hanging = [...this.stalled].filter((w) => this.target?.api.watches.has(w)).length + this.hung.size;
    if (hanging) add('hang-watches', `${plural(hanging, 'watch')} hanging`);
    if (this.restarting) add('restart', 'the API server is restarting');
    return out;
  }

  private cluster(): RestartTarget {
    if (!this.target) throw new FaultError(409, 'no cluster is attached to the fault injector');
    return this.target;
  }

  private async intercept(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === FAULT_PATH || url.pathname.startsWith(`${FAULT_PATH}/`)) {
      await serveFaultAdmin(this, req, res, url);
      return true;
    }
    if (this.slow) {
      const { ms } = this.slow;
      if (this.slow.remaining !== undefined && --this.slow.remaining <= 0) this.slow = undefined;
      await new Promise<void>((r) => {
        const release = () => { this.delayed.delete(release); timer.cancel(); r(); };
        const timer = this.clock.setTimeout(release, ms);
        this.delayed.add(release);
      });
    }
    const kind = classify(req, url);
    if (kind === 'watch' && this.expireNext > 0) {
      this.expireNext--;
      const from = url.searchParams.get('resourceVersion') || '0';
      const status = errors.gone(`too old resource version: ${from} (${this.target?.apiOptions.store.currentRV() ?? from})`).toStatus();
      res.writeHead(200, WATCH_HEADERS);
      res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return true;
    }
    if (kind === 'watch' && this.hangNext) {
      const { ms } = this.hangNext;
      if (--this.hangNext.remaining <= 0) this.hangNext = undefined;
      this.hang(res, ms);
      return true;
    }
    if (kind === 'read' && this.fail) {
      const { code, retryAfterSeconds } = this.fail;
      if (--this.fail.remaining <= 0) this.fail = undefined;
      sendError(res, code === 429
        ? new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) })
        : errors.internal('the embedded cluster failed this request on purpose (fault injection)'));
      return true;
    }
    return false;
  }

  private hang(res: ServerResponse, ms: number | undefined): void {
    res.writeHead(200, WATCH_HEADERS);
    res.flushHeaders();
    this.hung.add(res);
    const timer = ms === undefined ? undefined : this.clock.setTimeout(() => res.end(), ms);
    res.on('close', () => { this.hung.delete(res); timer?.cancel(); });
  }
}
