import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { ManualClock } from '../clock.ts';
import { Store } from '../store/store.ts';
import { KeyQueue } from './controller-kit.ts';
import { InformerCache } from './informer-cache.ts';

function newStore() {
  let n = 0;
  const store = new Store({ clock: new ManualClock(), uid: () => `uid-${++n}` });
  store.register('configmaps', { namespaced: true });
  store.register('pods', { namespaced: true, graceful: true });
  return store;
}
const cm = (name: string): KubeObject => ({ metadata: { name, namespace: 'default' } });

describe('KeyQueue with the store as settler', () => {
  it('turns a burst of changes into one process() that sees all of them, before the write returns', () => {
    const store = newStore();
    const seen: number[] = [];
    const queue = new KeyQueue('test', () => seen.push(store.list('configmaps').length), store);
    store.subscribe((c) => {
      if (c.object.metadata.name === 'a') for (const n of ['b', 'c', 'd']) store.create('configmaps', cm(n));
      queue.add('key');
    });
    store.create('configmaps', cm('a'));
    expect(seen).toEqual([4]);
  });

  it('processes at once when no dispatch is running, and not at all once stopped', () => {
    const store = newStore();
    const seen: string[] = [];
    const queue = new KeyQueue('test', (k) => seen.push(k), store);
    queue.add('x');
    expect(seen).toEqual(['x']);
    queue.stop();
    queue.add('y');
    expect(seen).toEqual(['x']);
  });
});

describe('InformerCache', () => {
  it('lists the namespace by name as the store does, and follows creates, updates and deletes', () => {
    const store = newStore();
    store.create('configmaps', cm('b'));
    const cache = new InformerCache(store, 'configmaps');
    store.subscribe((c) => cache.observe(c));
    store.create('configmaps', cm('a'));
    store.create('configmaps', { metadata: { name: 'z', namespace: 'other' } });
    const b = structuredClone(store.get('configmaps', 'default', 'b')!);
    b.data = { k: 'v' };
    store.update('configmaps', b);
    expect(cache.list('default').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(cache.get('default', 'b')).toBe(store.get('configmaps', 'default', 'b'));
    store.delete('configmaps', 'default', 'a');
    expect(cache.list('default')).toEqual(store.list('configmaps', 'default'));
    expect(cache.list('other').map((o) => o.metadata.name)).toEqual(['z']);
  });

  it('keeps an object created by its owner when an older change of the same name arrives later', () => {
    const store = newStore();
    const cache = new InformerCache(store, 'configmaps');
    store.subscribe((c) => cache.observe(c));
    store.subscribe((c) => {
      if (c.object.metadata.name === 'trigger') {
        store.delete('configmaps', 'default', 'x'); // delivered after the create below returned
        cache.created(store.create('configmaps', cm('x')));
      }
    });
    store.create('configmaps', cm('x'));
    const first = store.get('configmaps', 'default', 'x');
    store.create('configmaps', cm('trigger'));
    expect(store.get('configmaps', 'default', 'x')).not.toBe(first);
    expect(cache.get('default', 'x')).toBe(store.get('configmaps', 'default', 'x'));
  });
});
