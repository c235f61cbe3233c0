import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { ManualClock } from '../clock.ts';
import { Store, StoreError, type Change } from './store.ts';

function newStore(opts: { logCapacity?: number } = {}) {
  const clock = new ManualClock();
  let n = 0;
  const store = new Store({ clock, uid: () => `uid-${++n}`, logCapacity: opts.logCapacity });
  store.register('pods', { namespaced: true, graceful: true });
  store.register('configmaps', { namespaced: true });
  store.register('statefulsets.apps', { namespaced: true, generation: true });
  return { store, clock };
}

const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] }, ...extra });
const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({ metadata: { name, namespace: 'default' }, data });

describe('Store writes', () => {
  it('assigns uid, creationTimestamp and strictly increasing resourceVersions', () => {
    const { store } = newStore();
    const a = store.create('configmaps', cm('a'));
    const b = store.create('configmaps', cm('b'));
    expect(a.metadata.uid).toBe('uid-1');
    expect(a.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(Object.isFrozen(a.metadata)).toBe(true);
  });

  it('refuses a duplicate name with AlreadyExists', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a'));
    expect(() => store.create('configmaps', cm('a'))).toThrow(expect.objectContaining({ reason: 'AlreadyExists' }));
  });

  it('generates names from generateName', () => {
    const { store } = newStore();
    const o = store.create('configmaps', { metadata: { generateName: 'web-', namespace: 'default' } });
    expect(o.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects a stale update with Conflict (409) and accepts the current resourceVersion', () => {
    const { store } = newStore();
    const a = store.create('configmaps', cm('a'));
    const b = store.update('configmaps', { ...structuredClone(a), data: { k: '1' } });
    expect(() => store.update('configmaps', { ...structuredClone(a), data: { k: '2' } })).toThrow(expect.objectContaining({ reason: 'Conflict' }));
    const c = store.update('configmaps', { ...structuredClone(b), data: { k: '3' } });
    expect(c.data).toEqual({ k: '3' });
  });

  it('bumps generation on spec changes only', () => {
    const { store } = newStore();
    const s = store.create('statefulsets.apps', { metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1 }, status: {} });
    expect(s.metadata.generation).toBe(1);
    const s2 = store.update('statefulsets.apps', { ...structuredClone(s), status: { replicas: 1 } });
    expect(s2.metadata.generation).toBe(1);
    const s3 = store.update('statefulsets.apps', { ...structuredClone(s2), spec: { replicas: 3 } });
    expect(s3.metadata.generation).toBe(2);
  });

  it('skips no-op updates (no new resourceVersion, no event)', () => {
    const { store } = newStore();
    const a = store.create('configmaps', cm('a', { k: 'v' }));
    const seen: Change[] = [];
    store.subscribe((c) => seen.push(c));
    const same = store.update('configmaps', structuredClone(a));
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(seen).toHaveLength(0);
  });
});

describe('Store deletion', () => {
  it('deletes at once without finalizers or grace', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a'));
    expect(store.delete('configmaps', 'default', 'a').gone).toBe(true);
    expect(store.get('configmaps', 'default', 'a')).toBeUndefined();
  });

  it('keeps an object with finalizers until the last one is removed', () => {
    const { store } = newStore();
    store.create('configmaps', { ...cm('a'), metadata: { name: 'a', namespace: 'default', finalizers: ['x/y'] } });
    const r = store.delete('configmaps', 'default', 'a');
    expect(r.gone).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBeDefined();
    const next = structuredClone(r.object);
    next.metadata.finalizers = [];
    store.update('configmaps', next);
    expect(store.get('configmaps', 'default', 'a')).toBeUndefined();
  });

  it('deletes a scheduled pod gracefully: deletionTimestamp = now + grace, then gone on a grace-0 delete', () => {
    const { store, clock } = newStore();
    store.create('pods', pod('web-0', { spec: { nodeName: 'n1', terminationGracePeriodSeconds: 30, containers: [] } }));
    const r = store.delete('pods', 'default', 'web-0');
    expect(r.gone).toBe(false);
    expect(Date.parse(r.object.metadata.deletionTimestamp!)).toBe(clock.now() + 30_000);
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(store.delete('pods', 'default', 'web-0', { gracePeriodSeconds: 0 }).gone).toBe(true);
  });

  it('deletes an unscheduled pod at once', () => {
    const { store } = newStore();
    store.create('pods', pod('web-0'));
    expect(store.delete('pods', 'default', 'web-0').gone).toBe(true);
  });

  it('checks uid preconditions', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a'));
    expect(() => store.delete('configmaps', 'default', 'a', { preconditions: { uid: 'other' } })).toThrow(StoreError);
  });

  it('adds the foregroundDeletion / orphan finalizers for those propagation policies', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a'));
    store.create('configmaps', cm('b'));
    expect(store.delete('configmaps', 'default', 'a', { propagationPolicy: 'Foreground' }).object.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(store.delete('configmaps', 'default', 'b', { propagationPolicy: 'Orphan' }).object.metadata.finalizers).toEqual(['orphan']);
  });
});

describe('Store watch', () => {
  it('resumes from a resourceVersion with no lost or duplicated change', () => {
    const { store } = newStore();
    const a = store.create('configmaps', cm('a'));
    const from = Number(a.metadata.resourceVersion);
    store.update('configmaps', { ...structuredClone(a), data: { k: '1' } });
    store.create('configmaps', cm('b'));
    const got: Change[] = [];
    const w = store.watch('configmaps', { fromRV: from }, (c) => got.push(c));
    store.delete('configmaps', 'default', 'a');
    w.stop();
    store.create('configmaps', cm('c'));
    expect(got.map((c) => `${c.type} ${c.object.metadata.name}`)).toEqual(['MODIFIED a', 'ADDED b', 'DELETED a']);
    const rvs = got.map((c) => c.rv);
    expect(new Set(rvs).size).toBe(rvs.length);
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
  });

  it('without a resourceVersion sends ADDED for current objects, then live changes', () => {
    const { store } = newStore();
    store.create('configmaps', cm('b'));
    store.create('configmaps', cm('a'));
    const got: string[] = [];
    store.watch('configmaps', {}, (c) => got.push(`${c.type} ${c.object.metadata.name}`));
    store.create('configmaps', cm('c'));
    expect(got).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
  });

  it('answers Expired (410) for a resourceVersion that was compacted away', () => {
    const { store } = newStore({ logCapacity: 3 });
    const first = store.create('configmaps', cm('a'));
    for (const n of ['b', 'c', 'd', 'e']) store.create('configmaps', cm(n));
    expect(() => store.watch('configmaps', { fromRV: Number(first.metadata.resourceVersion) }, () => {})).toThrow(expect.objectContaining({ reason: 'Expired' }));
    // The newest resourceVersion is still resumable.
    expect(() => store.watch('configmaps', { fromRV: store.currentRV() }, () => {}).stop()).not.toThrow();
  });

  it('compact() makes older resourceVersions expire', () => {
    const { store } = newStore();
    const a = store.create('configmaps', cm('a'));
    store.create('configmaps', cm('b'));
    store.compact();
    expect(() => store.watch('configmaps', { fromRV: Number(a.metadata.resourceVersion) }, () => {})).toThrow(expect.objectContaining({ reason: 'Expired' }));
  });

  it('delivers changes in resourceVersion order even when a listener writes', () => {
    const { store } = newStore();
    const order: number[][] = [[], []];
    store.subscribe((c) => {
      order[0].push(c.rv);
      if (c.object.metadata.name === 'a' && c.type === 'ADDED') store.create('configmaps', cm('from-listener'));
    });
    store.subscribe((c) => order[1].push(c.rv));
    store.create('configmaps', cm('a'));
    expect(order[0]).toEqual(order[1]);
    expect(order[1]).toEqual([...order[1]].sort((x, y) => x - y));
  });

  it('afterDispatch runs once after a burst of listener writes, before the outer write returns', () => {
    const { store } = newStore();
    const seenBySettle: number[] = [];
    let settles = 0;
    const settle = () => {
      settles++;
      seenBySettle.push(store.list('configmaps').length);
    };
    store.subscribe((c) => {
      if (c.object.metadata.name === 'a' && c.type === 'ADDED') for (const n of ['b', 'c', 'd']) store.create('configmaps', cm(n));
      store.afterDispatch(settle);
    });
    store.create('configmaps', cm('a'));
    expect(settles).toBe(1);
    expect(seenBySettle).toEqual([4]);
  });

  it('afterDispatch dispatches writes of the callback, then runs callbacks they registered', () => {
    const { store } = newStore();
    const log: string[] = [];
    let wrote = false;
    const first = () => {
      log.push('first');
      if (!wrote) {
        wrote = true;
        store.create('configmaps', cm('late'));
      }
    };
    store.subscribe((c) => {
      log.push(`change ${c.object.metadata.name}`);
      store.afterDispatch(first);
    });
    store.create('configmaps', cm('a'));
    expect(log).toEqual(['change a', 'first', 'change late', 'first']);
  });

  it('afterDispatch callbacks each start after the changes of the previous one were delivered', () => {
    const { store } = newStore();
    const log: string[] = [];
    const writer = () => {
      log.push('writer');
      if (!store.get('configmaps', 'default', 'w')) store.create('configmaps', cm('w'));
    };
    const reader = () => log.push('reader');
    store.subscribe((c) => {
      log.push(`change ${c.object.metadata.name}`);
      store.afterDispatch(writer);
      store.afterDispatch(reader);
    });
    store.create('configmaps', cm('a'));
    expect(log).toEqual(['change a', 'writer', 'change w', 'reader', 'writer']);
  });

  it('afterDispatch outside a dispatch runs at once', () => {
    const { store } = newStore();
    let ran = false;
    store.afterDispatch(() => { ran = true; });
    expect(ran).toBe(true);
  });

  it('filters by namespace', () => {
    const { store } = newStore();
    const got: string[] = [];
    store.watch('configmaps', { namespace: 'other' }, (c) => got.push(c.object.metadata.name!));
    store.create('configmaps', cm('a'));
    store.create('configmaps', { metadata: { name: 'b', namespace: 'other' } });
    expect(got).toEqual(['b']);
  });
});

describe('Store snapshots', () => {
  it('restores objects and continues resourceVersions', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a', { k: 'v' }));
    const snap = store.snapshot();
    const { store: s2 } = newStore();
    s2.restore(JSON.parse(JSON.stringify(snap)));
    expect(s2.get('configmaps', 'default', 'a')?.data).toEqual({ k: 'v' });
    const b = s2.create('configmaps', cm('b'));
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(snap.rv);
  });
});
