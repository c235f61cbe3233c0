// Durability for the embedded cluster's store (`--data-dir`): a write-ahead log of changes plus
// periodic snapshots in one directory.
//
// Contracts:
// - openPersistence() must be called on an EMPTY store before anything else uses it (before
//   seeding, controllers and the API server). It restores the last state, so resourceVersions
//   continue where they were, and from then on logs every change.
// - Every change is appended to the log synchronously, inside the store's listener (so it
//   survives kill -9 at once), and synced to disk once per event-loop turn (group commit).
// - `interceptor` must be the API server's FIRST interceptor: it holds every response byte
//   until the changes it could reveal are synced, so anything a client saw acknowledged (a
//   write's answer, a watch event, a list) survives a crash or a power cut.
// - If the disk fails, nothing more is acknowledged: onFatal runs (by default: log, exit 1).
// - Watches cannot resume across a restart from an older resourceVersion: they get 410 and
//   relist, as after an etcd compaction.

import type { RequestInterceptor } from '../api/server.ts';
import type { Change, Store, StoreSnapshot } from '../store/store.ts';
import { dataDirPaths, lockDataDir, resetDataDir, type DataDirPaths } from './data-dir.ts';
import { egressGate } from './egress-gate.ts';
import { readSnapshot, writeSnapshot } from './snapshot-file.ts';
import { readWal, recordOf, WalWriter } from './wal.ts';

export interface PersistenceOptions {
  /** Forget what the directory holds and start empty (--reset). */
  reset?: boolean;
  /** Write a snapshot and empty the log after this many logged changes (default 2000). */
  snapshotEvery?: number;
  /** Runs the group sync; default setImmediate (once per event-loop turn). */
  schedule?: (fn: () => void) => void;
  onFatal?: (err: unknown) => void;
  log?: (line: string) => void;
}

export interface PersistenceStats {
  changes: number;
  syncs: number;
  syncMs: number;
  snapshots: number;
}

export interface Persistence {
  readonly dir: string;
  /** The resourceVersion the store was restored to; 0 when the directory held nothing. */
  readonly restoredRV: number;
  readonly restoredObjects: number;
  /** Log records replayed on top of the snapshot at start (they are folded into a new snapshot). */
  readonly replayedChanges: number;
  readonly interceptor: RequestInterceptor;
  unsynced(): boolean;
  whenSynced(fn: () => void): void;
  /** Syncs the log now (normally done once per event-loop turn). */
  sync(): void;
  /** Writes a snapshot now and empties the log. */
  snapshot(): void;
  stats(): PersistenceStats;
  /** Syncs, snapshots and releases the directory. The store keeps working, unlogged. */
  close(): void;
}

function defaultFatal(err: unknown): void {
  console.error(`[persist] cannot write the data directory, stopping so that nothing unsaved is acknowledged: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
}

/** Rebuilds the newest state from the snapshot and the log after it. */
interface LoadedState {
  snap: StoreSnapshot;
  walBytes: number;
  replayed: number;
}

function loadState(paths: DataDirPaths, store: Store, log: (line: string) => void): LoadedState {
  const base = readSnapshot(paths.snapshot);
  const wal = readWal(paths.wal);
  if (wal.droppedBytes) log(`[persist] dropped ${wal.droppedBytes} bytes of an incomplete write at the end of ${paths.wal}`);
  const objects = new Map<string, StoreSnapshot['objects'][number]>();
  const key = (resource: string, ns: string | undefined, name: string) => `${resource} ${ns ?? ''}/${name}`;
  for (const o of base.objects) objects.set(key(o.resource, o.object.metadata.namespace, o.object.metadata.name!), o);
  let rv = base.rv;
  let replayed = 0;
  for (const rec of wal.records) {
    if (rec.rv <= base.rv) continue;
    if (rec.type === 'DELETED') objects.delete(key(rec.resource, rec.namespace, rec.name));
    else objects.set(key(rec.resource, rec.object.metadata.namespace, rec.object.metadata.name!), { resource: rec.resource, object: rec.object });
    rv = rec.rv;
    replayed++;
  }
  const known = [...objects.values()].filter((o) => {
    try {
      store.resourceTraits(o.resource);
      return true;
    } catch {
      log(`[persist] skipping a stored ${o.resource} object: this version does not serve that resource`);
      return false;
    }
  });
  return { snap: { rv, objects: known }, walBytes: wal.validBytes, replayed };
}

export function openPersistence(store: Store, dir: string, opts: PersistenceOptions = {}): Persistence {
  if (store.currentRV() !== 0) throw new Error('openPersistence needs an empty store: open it before seeding or starting anything');
  const log = opts.log ?? ((line: string) => console.error(line));
  const paths = dataDirPaths(dir);
  const unlock = lockDataDir(paths);
  try {
    if (opts.reset) resetDataDir(paths);
    const loaded = loadState(paths, store, log);
    store.restore(loaded.snap);
    const p = new StorePersistence(store, paths, new WalWriter(paths.wal, loaded.walBytes), unlock, { ...opts, log });
    p.started(loaded);
    return p;
  } catch (e) {
    unlock();
    throw e;
  }
}

class StorePersistence implements Persistence {
  readonly dir: string;
  restoredRV = 0;
  restoredObjects = 0;
  replayedChanges = 0;
  readonly interceptor: RequestInterceptor;
  private readonly store: Store;
  private readonly paths: DataDirPaths;
  private readonly wal: WalWriter;
  private readonly unlock: () => void;
  private readonly unsubscribe: () => void;
  private readonly log: (line: string) => void;
  private readonly schedule: (fn: () => void) => void;
  private readonly onFatal: (err: unknown) => void;
  private readonly snapshotEvery: number;
  private readonly counters: PersistenceStats = { changes: 0, syncs: 0, syncMs: 0, snapshots: 0 };
  private appendedRV: number;
  private syncedRV: number;
  private sinceSnapshot = 0;
  private scheduled = false;
  private failed = false;
  private closed = false;
  private waiters: Array<() => void> = [];

  constructor(store: Store, paths: DataDirPaths, wal: WalWriter, unlock: () => void, opts: PersistenceOptions & { log: (line: string) => void }) {
    this.store = store;
    this.paths = paths;
    this.dir = paths.dir;
    this.wal = wal;
    this.unlock = unlock;
    this.log = opts.log;
    this.schedule = opts.schedule ?? ((fn) => { setImmediate(fn); });
    this.onFatal = opts.onFatal ?? defaultFatal;
    this.snapshotEvery = opts.snapshotEvery ?? 2000;
    this.appendedRV = this.syncedRV = store.currentRV();
    this.interceptor = egressGate(this);
    this.unsubscribe = store.subscribe((c) => this.append(c));
  }

  /** Records what was restored; folds a replayed log into a fresh snapshot. */
  started(loaded: LoadedState): void {
    this.restoredRV = loaded.snap.rv;
    this.restoredObjects = loaded.snap.objects.length;
    this.replayedChanges = loaded.replayed;
    if (loaded.walBytes === 0) return;
    try {
      this.snapshotNow();
    } catch (e) {
      this.unsubscribe();
      this.wal.close();
      throw e;
    }
  }

  unsynced(): boolean {
    return this.failed || (!this.closed && this.syncedRV < this.store.currentRV());
  }

  whenSynced(fn: () => void): void {
    this.waiters.push(fn);
    this.kick();
  }

  sync(): void {
    this.guarded(() => this.syncNow());
  }

  snapshot(): void {
    this.guarded(() => this.snapshotNow());
  }

  stats(): PersistenceStats {
    return { ...this.counters };
  }

  close(): void {
    if (this.closed) return;
    this.guarded(() => this.snapshotNow());
    this.closed = true;
    this.unsubscribe();
    this.wal.close();
    this.unlock();
  }

  private append(c: Change): void {
    if (this.failed || this.closed) return;
    try {
      this.wal.append(recordOf(c));
    } catch (e) {
      this.fail(e);
      return;
    }
    this.appendedRV = c.rv;
    this.counters.changes++;
    this.sinceSnapshot++;
    this.kick();
  }

  private kick(): void {
    if (this.scheduled || this.closed || this.failed) return;
    this.scheduled = true;
    this.schedule(() => this.turn());
  }

  /** Once per event-loop turn with news: sync, maybe snapshot, then let held responses go. */
  private turn(): void {
    this.scheduled = false;
    if (this.closed) return;
    this.guarded(() => {
      this.syncNow();
      if (this.sinceSnapshot >= this.snapshotEvery) this.snapshotNow();
    });
  }

  private guarded(work: () => void): void {
    try {
      work();
    } catch (e) {
      this.fail(e);
      return;
    }
    this.releaseWaiters();
  }

  private syncNow(): void {
    if (this.failed || this.appendedRV === this.syncedRV) return;
    const t = performance.now();
    this.wal.sync();
    this.counters.syncs++;
    this.counters.syncMs += performance.now() - t;
    this.syncedRV = this.appendedRV;
  }

  private snapshotNow(): void {
    if (this.failed) return;
    this.syncNow();
    writeSnapshot(this.paths.snapshot, this.store.snapshot());
    this.wal.truncate();
    this.counters.snapshots++;
    this.sinceSnapshot = 0;
  }

  private releaseWaiters(): void {
    if (this.unsynced()) {
      if (this.waiters.length) this.kick();
      return;
    }
    const ready = this.waiters;
    this.waiters = [];
    for (const fn of ready) {
      try {
        fn();
      } catch (e) {
        this.log(`[persist] a response waiting for the disk failed: ${String(e)}`);
      }
    }
  }

  private fail(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.onFatal(e);
  }
}
