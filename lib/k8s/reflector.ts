// A reflector keeps an up-to-date copy of one kind in one namespace (or cluster-wide): list, then
// watch from the list's resourceVersion, as client-go's Reflector does, but never gives up.
// Guarantees:
// - Every error (connection refused, 401/403/5xx, a failed list, an ERROR event) restarts it:
//   a full relist after exponential backoff with jitter, capped at ~30 s. The stock client-node
//   informer stops for good on such errors (stack-notes.md).
// - 410 Gone (resourceVersion too old) relists at once; a clean end of the watch (the server's
//   timeoutSeconds) re-watches from the last resourceVersion, bookmarks included
//   (allowWatchBookmarks).
// - Watchdog: a watch that delivers no event nor bookmark for staleAfterMs is restarted (see
//   armWatchdog).
// - After every (re)list it reports `replace`: cached objects do not re-announce themselves, so
//   consumers rebuild from the full state.
// - Optional kinds (KindDef.forbiddenNotice) answered 403 are reported `forbidden`, hold no
//   objects and are retried rarely.
// - resourceVersion is opaque: stored and sent back, never compared.
// Objects are trimmed (trim.ts) and carry kind/apiVersion. Callbacks run synchronously.

import type { KubeObject } from '../kube/types.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { describeClusterError } from './errors.ts';
import { collectionPath, type KindDef } from './kinds.ts';
import { ClusterHttpError, type KubeTransport, type WatchHandle } from './transport.ts';
import { trimObject } from './trim.ts';

export type ReflectorChange =
  | { type: 'upsert'; object: KubeObject; old: KubeObject | undefined }
  | { type: 'delete'; object: KubeObject }
  | { type: 'replace' }
  | { type: 'status' };

export type ReflectorPhase = 'starting' | 'live' | 'failing' | 'forbidden' | 'stopped';

export interface ReflectorStatus {
  phase: ReflectorPhase;
  /** Epoch ms of the first failure of the current outage; null when not failing. */
  failingSince: number | null;
  /** Plain-language description of the last failure, with the retry delay. */
  message: string | null;
}

export interface ReflectorOptions {
  def: KindDef;
  namespace: string | null;
  transport: KubeTransport;
  clock: Clock;
  onChange: (c: ReflectorChange) => void;
  random?: () => number;
  backoff?: BackoffOptions;
  staleAfterMs?: number;
  forbiddenRetryMs?: number;
  /** A watch open this long resets the backoff. */
  healthyAfterMs?: number;
  pageSize?: number;
}

interface WatchSession {
  gen: number;
  startedAt: number;
  /** The server answered 200. */
  opened: boolean;
  events: number;
}

function nameOf(o: KubeObject): string {
  return o.metadata?.name ?? '';
}

export class Reflector {
  readonly def: KindDef;
  private readonly o: ReflectorOptions;
  private readonly backoff: Backoff;
  private readonly random: () => number;
  private items = new Map<string, KubeObject>();
  private rv: string | null = null;
  private gen = 0;
  private hasSynced = false;
  private st: ReflectorStatus = { phase: 'starting', failingSince: null, message: null };
  private retry: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private watch: WatchHandle | null = null;
  private listAbort: AbortController | null = null;
  private lastActivity = 0;
  private quickEnds = 0;

  constructor(opts: ReflectorOptions) {
    this.o = opts;
    this.def = opts.def;
    this.random = opts.random ?? Math.random;
    this.backoff = new Backoff({ random: this.random, ...opts.backoff });
  }

  get synced(): boolean {
    return this.hasSynced;
  }

  get status(): ReflectorStatus {
    return this.st;
  }

  list(): KubeObject[] {
    return [...this.items.values()];
  }

  get(name: string): KubeObject | undefined {
    return this.items.get(name);
  }

  start(): void {
    if (this.st.phase === 'stopped') return;
    void this.relist();
  }

  stop(): void {
    this.halt();
    this.st = { phase: 'stopped', failingSince: null, message: null };
  }

  /** Cancels whatever is in flight; callbacks of older attempts are ignored from now on. */
  private halt(): number {
    this.gen++;
    this.retry?.cancel();
    this.watchdog?.cancel();
    this.watch?.abort();
    this.listAbort?.abort();
    this.retry = this.watchdog = this.watch = this.listAbort = null;
    return this.gen;
  }

  private setStatus(s: ReflectorStatus): void {
    this.st = s;
    this.o.onChange({ type: 'status' });
  }

  private async relist(): Promise<void> {
    const gen = this.halt();
    const abort = new AbortController();
    this.listAbort = abort;
    try {
      const { items, rv } = await this.listAll(abort.signal);
      if (gen !== this.gen) return;
      this.items = new Map(items.map((o) => [nameOf(o), o]));
      this.rv = rv;
      this.hasSynced = true;
      this.listAbort = null;
      this.o.onChange({ type: 'replace' });
      if (this.st.phase !== 'live') this.setStatus({ phase: 'live', failingSince: null, message: null });
      this.startWatch();
    } catch (e) {
      if (gen === this.gen) this.fail(e, 'list');
    }
  }

  private prepare(o: KubeObject): KubeObject {
    return trimObject({ ...o, kind: this.def.objectKind, apiVersion: this.def.apiVersion });
  }

  private async listAll(signal: AbortSignal): Promise<{ items: KubeObject[]; rv: string }> {
    const path = collectionPath(this.def, this.o.namespace);
    const limit = String(this.o.pageSize ?? 500);
    let items: KubeObject[] = [];
    let cont: string | null = null;
    for (let restarts = 0; ;) {
      let page: { metadata?: { resourceVersion?: string; continue?: string }; items?: KubeObject[] };
      try {
        page = (await this.o.transport.getJson(path, cont ? { limit, continue: cont } : { limit }, signal)) as typeof page;
      } catch (e) {
        // An expired continue token: start the list over once (client-go does a full list too).
        if (cont && e instanceof ClusterHttpError && e.code === 410 && restarts++ === 0) { items = []; cont = null; continue; }
        throw e;
      }
      items = items.concat((page.items ?? []).map((o) => this.prepare(o)));
      cont = page.metadata?.continue || null;
      if (!cont) return { items, rv: page.metadata?.resourceVersion ?? '' };
    }
  }

  private startWatch(): void {
    this.watchdog?.cancel();
    const gen = ++this.gen;
    const session: WatchSession = { gen, startedAt: this.o.clock.now(), opened: false, events: 0 };
    this.lastActivity = session.startedAt;
    this.armWatchdog(session);
    // Server-side timeout spread over 5-10 minutes, as client-go does, so watches do not expire together.
    const timeoutSeconds = String(300 + Math.floor(this.random() * 300));
    const query: Record<string, string> = { allowWatchBookmarks: 'true', timeoutSeconds };
    if (this.rv) query.resourceVersion = this.rv;
    this.watch = this.o.transport.watch(collectionPath(this.def, this.o.namespace), query, {
      onOpen: () => {
        if (gen !== this.gen) return;
        session.opened = true;
        this.touch(session);
      },
      onEvent: (type, obj) => {
        if (gen !== this.gen) return;
        session.events++;
        this.touch(session);
        this.onWatchEvent(type, obj);
      },
      onDone: (err) => {
        if (gen !== this.gen) return;
        if (err !== null) return this.fail(err, 'watch');
        this.resumeWatch(session.events === 0 && this.o.clock.now() - session.startedAt < 1000);
      },
    });
  }

  // After a clean end the watch resumes from the last resourceVersion. One that ends at once
  // without a word would make a hot loop: such ends are spaced by the backoff, and the third in
  // a row counts as a failure.
  private resumeWatch(emptyAndQuick: boolean): void {
    if (!emptyAndQuick) {
      this.quickEnds = 0;
      this.startWatch();
      return;
    }
    if (++this.quickEnds >= 3) {
      this.quickEnds = 0;
      this.fail(new Error('the watch keeps ending as soon as it opens'), 'watch');
      return;
    }
    this.watchdog?.cancel();
    this.retry = this.o.clock.setTimeout(() => this.startWatch(), this.backoff.next());
  }

  private touch(session: WatchSession): void {
    const now = this.o.clock.now();
    this.lastActivity = now;
    if (now - session.startedAt >= (this.o.healthyAfterMs ?? 10_000)) this.backoff.reset();
  }

  // The watchdog: a watch the server never answered is a failure (relist, reported); one that
  // answered but went silent is resumed from the last resourceVersion, which loses nothing and
  // turns a dead connection into a visible failure on the next attempt.
  private armWatchdog(session: WatchSession): void {
    const staleAfter = this.o.staleAfterMs ?? 30_000;
    const due = this.lastActivity + staleAfter - this.o.clock.now();
    this.watchdog = this.o.clock.setTimeout(() => {
      if (session.gen !== this.gen) return;
      if (this.o.clock.now() - this.lastActivity < staleAfter) return this.armWatchdog(session);
      const seconds = Math.round(staleAfter / 1000);
      if (!session.opened && session.events === 0) {
        this.fail(new Error(`the API server did not answer the watch for ${seconds} s`), 'watch');
      } else {
        this.watch?.abort();
        this.startWatch();
      }
    }, due);
  }

  private onWatchEvent(type: string, raw: KubeObject): void {
    if (type === 'BOOKMARK') {
      this.rv = raw?.metadata?.resourceVersion ?? this.rv;
      return;
    }
    if (type === 'ERROR') {
      const status = raw as unknown as { code?: number; message?: string };
      if (status?.code === 410) { void this.relist(); return; }
      this.fail(new ClusterHttpError(status?.code ?? 500, status), 'watch');
      return;
    }
    if (!raw?.metadata) return;
    const obj = this.prepare(raw);
    this.rv = obj.metadata.resourceVersion ?? this.rv;
    const name = nameOf(obj);
    if (type === 'DELETED') {
      this.items.delete(name);
      this.o.onChange({ type: 'delete', object: obj });
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      const old = this.items.get(name);
      this.items.set(name, obj);
      this.o.onChange({ type: 'upsert', object: obj, old });
    }
  }

  private fail(err: unknown, during: 'list' | 'watch'): void {
    this.halt();
    const { clock } = this.o;
    const forbidden = err instanceof ClusterHttpError && err.code === 403;
    if (forbidden && this.def.forbiddenNotice) {
      const wasForbidden = this.st.phase === 'forbidden';
      this.items.clear();
      this.hasSynced = true;
      if (!wasForbidden) this.o.onChange({ type: 'replace' });
      this.setStatus({ phase: 'forbidden', failingSince: null, message: this.def.forbiddenNotice });
      this.retry = clock.setTimeout(() => void this.relist(), this.o.forbiddenRetryMs ?? 300_000);
      return;
    }
    const delay = this.backoff.next();
    const what = during === 'list' ? `listing ${this.def.plural}` : `watch on ${this.def.plural}`;
    const message = `${what} failed: ${describeClusterError(err).message}; retrying in ${formatDelay(delay)}`;
    this.setStatus({ phase: 'failing', failingSince: this.st.failingSince ?? clock.now(), message });
    this.retry = clock.setTimeout(() => void this.relist(), delay);
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
