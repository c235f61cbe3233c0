// Durability of the store in a data directory: what was written comes back after a crash (the
// Persistence is abandoned without close(), as a killed process would), resourceVersions
// continue, a torn last line is survived, --reset forgets, and answers wait for the disk.

import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../api/server.ts';
import { ManualClock } from '../clock.ts';
import { seedSystem } from '../seed.ts';
import { newClusterStore } from '../store/new-store.ts';
import type { Store } from '../store/store.ts';
import { DataDirLockedError } from './data-dir.ts';
import { openPersistence, type Persistence, type PersistenceOptions } from './persistence.ts';
import { CorruptDataError } from './durable-fs.ts';

const root = mkdtempSync(join(tmpdir(), 'sts-persist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `d${n++}`);

const open: Persistence[] = [];
afterEach(() => { while (open.length) open.pop()!.close(); });

function boot(dir: string, opts: PersistenceOptions = {}): { store: Store; p: Persistence } {
  const store = newClusterStore({ clock: new ManualClock() });
  const p = openPersistence(store, dir, { log: () => {}, ...opts });
  return { store, p };
}

/** Boots, then forgets the Persistence without closing it: what kill -9 leaves behind. */
function crashAfter(dir: string, work: (store: Store, p: Persistence) => void, opts: PersistenceOptions = {}): Store {
  const { store, p } = boot(dir, opts);
  work(store, p);
  p.sync();
  return store;
}

const cm = (name: string, v = '1') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { v } });

function contents(store: Store) {
  return store.snapshot().objects
    .map((o) => `${o.resource} ${o.object.metadata.namespace}/${o.object.metadata.name} ${JSON.stringify(o.object)}`)
    .sort();
}

function someWrites(store: Store, p: Persistence): void {
  for (const x of ['a', 'b', 'c']) store.create('configmaps', cm(x));
  p.snapshot();
  store.update('configmaps', cm('b', '2'));
  store.delete('configmaps', 'default', 'c');
  store.create('configmaps', cm('d'));
}

describe('restart from a data directory', () => {
  it('brings back the snapshot plus the log after it, at the same resourceVersion', () => {
    const dir = freshDir();
    const before = crashAfter(dir, someWrites);
    const { store, p } = boot(dir);
    open.push(p);
    expect(contents(store)).toEqual(contents(before));
    expect(store.currentRV()).toBe(before.currentRV());
    expect(p.replayedChanges).toBe(3);
    expect(store.get('configmaps', 'default', 'b')!.data).toEqual({ v: '2' });
    expect(store.get('configmaps', 'default', 'c')).toBeUndefined();
    expect(Object.isFrozen(store.get('configmaps', 'default', 'b')!.metadata)).toBe(true);
  });

  it('continues resourceVersions after the last one handed out, deletions included', () => {
    const dir = freshDir();
    const before = crashAfter(dir, (s) => { s.create('configmaps', cm('x')); s.delete('configmaps', 'default', 'x'); });
    const { store, p } = boot(dir);
    open.push(p);
    const next = store.create('configmaps', cm('y'));
    expect(Number(next.metadata.resourceVersion)).toBe(before.currentRV() + 1);
    // Watches cannot resume from before the restart: they get 410 and relist.
    expect(() => store.watch('configmaps', { fromRV: before.currentRV() - 1 }, () => {})).toThrow(/too old resource version/);
  });

  it('ignores a torn last line and appends cleanly after it', () => {
    const dir = freshDir();
    const before = crashAfter(dir, someWrites);
    appendFileSync(join(dir, 'wal.jsonl'), '{"rv":99,"type":"ADDED","resource":"configmaps","obj');
    const second = crashAfter(dir, (s) => { expect(contents(s)).toEqual(contents(before)); s.create('configmaps', cm('e')); });
    // Blocks that a power cut left zero-filled look the same: dropped, never misread.
    appendFileSync(join(dir, 'wal.jsonl'), Buffer.alloc(300));
    const { store, p } = boot(dir);
    open.push(p);
    expect(contents(store)).toEqual(contents(second));
    expect(store.get('configmaps', 'default', 'e')).toBeDefined();
  });

  it('snapshots periodically, keeping the log short', () => {
    const dir = freshDir();
    const ticks: Array<() => void> = [];
    const before = crashAfter(dir, (s) => {
      for (let i = 0; i < 12; i++) { s.create('configmaps', cm(`m${i}`)); while (ticks.length) ticks.shift()!(); }
    }, { snapshotEvery: 5, schedule: (fn) => ticks.push(fn) });
    expect(readFileSync(join(dir, 'wal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    const { store, p } = boot(dir);
    open.push(p);
    expect(contents(store)).toEqual(contents(before));
  });

  it('starts empty with reset, and numbering starts over', () => {
    const dir = freshDir();
    crashAfter(dir, someWrites);
    const { store, p } = boot(dir, { reset: true });
    open.push(p);
    expect(store.snapshot().objects).toEqual([]);
    expect(p.restoredRV).toBe(0);
    expect(store.create('configmaps', cm('z')).metadata.resourceVersion).toBe('1');
  });

  it('refuses a directory another live cluster holds, and takes over a dead one\'s lock', () => {
    const dir = freshDir();
    crashAfter(dir, () => {});
    writeFileSync(join(dir, 'lock'), String(process.ppid));
    expect(() => boot(dir)).toThrow(DataDirLockedError);
    writeFileSync(join(dir, 'lock'), '999999999');
    const { p } = boot(dir);
    p.close();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('refuses a damaged snapshot with a clear error; --reset recovers', () => {
    const dir = freshDir();
    crashAfter(dir, someWrites);
    writeFileSync(join(dir, 'snapshot.json'), '{"format":"sts-topology-snapshot/1","rv":');
    expect(() => boot(dir)).toThrow(CorruptDataError);
    const { store, p } = boot(dir, { reset: true });
    open.push(p);
    expect(store.currentRV()).toBe(0);
  });

  it('needs an empty store', () => {
    const store = newClusterStore();
    store.create('configmaps', cm('early'));
    expect(() => openPersistence(store, freshDir())).toThrow(/empty store/);
  });
});

describe('answers wait for the disk', () => {
  let api: ApiServer | undefined;
  afterEach(async () => { await api?.close(); api = undefined; });

  it('holds a write\'s answer until the log holding it is synced', async () => {
    const ticks: Array<() => void> = [];
    const { store, p } = boot(freshDir(), { schedule: (fn) => ticks.push(fn) });
    open.push(p);
    seedSystem(store);
    while (ticks.length) ticks.shift()!();
    api = await startApiServer({ store, interceptors: [p.interceptor] });
    let answered = false;
    const reply = fetch(`${api.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cm('held')) })
      .then((r) => { answered = true; return r; });
    while (!store.get('configmaps', 'default', 'held')) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    expect(p.unsynced()).toBe(true);
    const syncsBefore = p.stats().syncs;
    ticks.shift()!();
    expect(p.stats().syncs).toBe(syncsBefore + 1);
    expect((await reply).status).toBe(201);
  });
});
