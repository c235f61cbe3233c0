// The timeline from a real run: the embedded cluster with its controllers at 10x speed (real
// clock), the dashboard's informers and hub, the delete-all action as the route performs it.
// Lesson 3 must read right (web-0 back and Ready before web-1 is created), and nothing may be
// recorded twice: not after an informer relist, not after the set's stream is closed and
// re-opened, not to a browser that reconnects with Last-Event-ID.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterActions } from '../k8s/actions.ts';
import { NamespaceCache } from '../k8s/namespace-cache.ts';
import { startTestCluster, until, type TestCluster } from '../k8s/testdata/cluster.ts';
import type { KubeObject } from '../kube/types.ts';
import { R } from '../sim/resources.ts';
import { orderingVerdict } from '../topology/verdict.ts';
import { Hub } from './hub.ts';
import type { WireMessage } from './messages.ts';
import type { Subscriber } from './subscriber.ts';
import { timelineRecorders } from './timeline-recorder.ts';
import type { TimelineEntry } from './wire.ts';

const PODS = '/api/v1/namespaces/default/pods';
let tc: TestCluster;
let hub: Hub;
let podLists = 0;

function countLists(_req: IncomingMessage, _res: ServerResponse, url: URL): boolean {
  if (url.pathname === PODS && !url.searchParams.get('watch')) podLists++;
  return false;
}

beforeAll(async () => {
  tc = await startTestCluster({ speed: 10, empty: false, interceptors: [countLists] });
  hub = new Hub({ openCache: (namespace) => new NamespaceCache({ namespace, transport: tc.transport }), timeline: timelineRecorders, lingerMs: 50 });
});

afterAll(async () => {
  hub.stop();
  await tc.stop();
});

const subs: Subscriber[] = [];

/** Everything a subscriber receives: message ids and timeline entries (snapshot + `timeline`). */
function follow(sub: Subscriber) {
  subs.push(sub);
  const got = { ids: [] as number[], entries: [] as TimelineEntry[], snapshots: 0, timelineMessages: 0, ended: false };
  void (async () => {
    for (;;) {
      const m: WireMessage | null = await sub.next();
      if (!m) { got.ended = true; return; }
      got.ids.push(m.id);
      if (m.event === 'snapshot') { got.snapshots++; got.entries = [...m.data.timeline]; }
      if (m.event === 'timeline') { got.timelineMessages++; got.entries.push(...m.data); }
    }
  })();
  return got;
}

const ready = (p: KubeObject) => ((p.status as { conditions?: Array<{ type: string; status: string }> })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const webPods = () => tc.cluster.store.list(R.pods, 'default').filter((p) => p.metadata.name?.startsWith('web-'));
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (e: TimelineEntry) => `${e.pod ?? '-'}/${e.uid ?? '-'}/${e.transition}/${e.transition === 'event' || e.transition === 'action' ? `${e.seq}` : ''}`;

function expectNoDuplicates(entries: TimelineEntry[]): void {
  expect(entries.every((e, i) => i === 0 || e.seq > entries[i - 1].seq)).toBe(true);
  const pods = entries.filter((e) => e.pod !== null).map(key);
  expect(new Set(pods).size).toBe(pods.length);
}

describe('the timeline of a real delete-all', () => {
  let watcher: ReturnType<typeof follow>;
  let actionSeq = 0;

  it('shows web-0 re-created and Ready before web-1 is created, and the verdict says so', async () => {
    watcher = follow(hub.subscribe('default', 'web'));
    await until('web-0 and web-1 Ready', () => webPods().length === 2 && webPods().every(ready) && watcher.snapshots > 0);
    await settle(300);

    const kc = new KubeConfig();
    kc.loadFromFile(tc.kubeconfigPath);
    const actions = clusterActions(kc, { beforeWrite: (set, text) => { actionSeq = hub.recordAction('default', set, text)[0].seq; } });
    const outcome = await actions.deleteSetPods('default', 'web');
    expect(outcome.message).toBe('Deleted 2 pods of web (web-0, web-1): the controller re-creates them');

    const after = () => watcher.entries.filter((e) => e.seq > actionSeq);
    const idx = (pod: string, t: string) => after().findIndex((e) => e.pod === pod && e.transition === t);
    await until('web-1 Ready again', () => idx('web-1', 'ready') >= 0);
    await settle(300);

    const entries = after();
    const text = entries.map((e) => `${e.pod ?? '-'} ${e.transition}`).join('\n');
    expect(watcher.entries.find((e) => e.seq === actionSeq)).toMatchObject({ transition: 'action', text: 'Delete all pods', pod: null });
    expect(idx('web-0', 'deleted'), text).toBeGreaterThanOrEqual(0);
    expect(idx('web-1', 'deleted'), text).toBeGreaterThanOrEqual(0);
    expect(idx('web-0', 'gone'), text).toBeLessThan(idx('web-0', 'created'));
    expect(idx('web-0', 'created'), text).toBeLessThan(idx('web-0', 'ready'));
    expect(idx('web-0', 'ready'), text).toBeLessThan(idx('web-1', 'created'));
    expect(idx('web-1', 'gone'), text).toBeLessThan(idx('web-1', 'created'));
    expect(entries.filter((e) => e.transition === 'event').map((e) => e.text)).toEqual(expect.arrayContaining([
      'create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful',
    ]));
    expect(entries.every((e) => e.at >= entries[0].at)).toBe(true);
    expectNoDuplicates(watcher.entries);
    expect(orderingVerdict(watcher.entries, 'OrderedReady', { replicas: 2 })).toEqual({
      ok: true, text: 'Recreated in order web-0 -> web-1; each started after the previous was Ready (OrderedReady)',
    });
  });

  it('records nothing again after an informer relist (watches dropped past a compacted history)', async () => {
    const count = watcher.entries.length;
    const lists = podLists;
    tc.cluster.store.compact();
    for (const w of [...tc.cluster.api.watches]) w.drop();
    await until('the pods were listed again', () => podLists > lists);
    await settle(300);
    expect(watcher.entries).toHaveLength(count);
    expectNoDuplicates(watcher.entries);
  });

  it('replays nothing already seen to a browser reconnecting with Last-Event-ID', async () => {
    const resumed = follow(hub.subscribe('default', 'web', { lastEventId: watcher.ids[watcher.ids.length - 1] }));
    await settle(300);
    expect(resumed.snapshots).toBe(0);
    expect(resumed.entries).toEqual([]);
    const fresh = follow(hub.subscribe('default', 'web', { lastEventId: 1 }));
    await until('a snapshot', () => fresh.snapshots === 1);
    expect(fresh.entries).toEqual(watcher.entries);
  });

  it('keeps the timeline, without duplicates, when the set’s stream and cache are closed and re-opened', async () => {
    const before = [...watcher.entries];
    for (const sub of subs.splice(0)) sub.close();
    await until('the stream and the cache stopped', () => hub.stats().streams === 0 && hub.stats().caches === 0);
    const again = follow(hub.subscribe('default', 'web'));
    await until('a snapshot', () => again.snapshots === 1);
    await settle(300);
    expect(again.timelineMessages).toBe(0);
    expect(again.entries).toEqual(before);
  });
});
