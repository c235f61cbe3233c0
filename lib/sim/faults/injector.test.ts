// Every fault through real HTTP, as a client sees it on the wire. Delays, hang durations and
// restart downtime run on a ManualClock; only socket I/O is awaited in real time.

import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { eventually, post, startFaultRig, WatchReader, type FaultRig } from './testing.ts';

let clock: ManualClock;
let rig: FaultRig;
const readers: WatchReader[] = [];

beforeEach(async () => {
  clock = new ManualClock();
  rig = await startFaultRig(clock);
});
afterEach(async () => {
  readers.splice(0).forEach((r) => r.stop());
  await rig.close();
});

function watch(path: string): WatchReader {
  const r = new WatchReader(rig.url + path);
  readers.push(r);
  return r;
}

const NS_WATCH = '/api/v1/namespaces?watch=1';
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
const newNamespace = (name: string) => rig.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const get = (path: string) => fetch(rig.url + path);

describe('watch faults', () => {
  it('drop-watches ends every open watch stream', async () => {
    const a = watch(NS_WATCH);
    const b = watch('/api/v1/namespaces/default/configmaps?watch=1');
    await eventually(() => rig.target.api.watches.size === 2);
    const r = await post(rig.url, 'drop-watches');
    expect(r).toMatchObject({ status: 200, json: { message: 'dropped 2 watches' } });
    await Promise.all([a.done, b.done]);
    expect(rig.target.api.watches.size).toBe(0);
  });

  it('expire-next-watch answers the next watch with an ERROR event carrying 410 Expired, then watches work again', async () => {
    expect((await post(rig.url, 'expire-next-watch')).status).toBe(200);
    const expired = watch(`/api/v1/namespaces?watch=1&resourceVersion=${rig.store.currentRV()}`);
    await expired.done;
    expect(expired.status).toBe(200);
    expect(expired.events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) }]);
    const next = watch(NS_WATCH);
    await next.until((w) => w.events.length >= 4);
    expect(next.events.every((e) => e.type === 'ADDED')).toBe(true);
  });

  it('compact expires the change log: resuming from an older resourceVersion gets 410, from now works', async () => {
    rig.store.create('configmaps', cm('before'));
    const old = rig.store.currentRV() - 1;
    expect((await post(rig.url, 'compact')).json.message).toContain(`resourceVersion ${rig.store.currentRV()}`);
    const stale = watch(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${old}`);
    await stale.done;
    expect(stale.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    const fresh = watch(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rig.store.currentRV()}`);
    await eventually(() => rig.target.api.watches.size === 1);
    rig.store.create('configmaps', cm('after'));
    await fresh.until((w) => w.events.length === 1);
    expect(fresh.names()).toEqual(['ADDED after']);
  });

  it('hang-watches stops open watches without a byte, and ends them after ms', async () => {
    const hung = watch(NS_WATCH);
    await hung.until((w) => w.events.length === 4);
    expect((await post(rig.url, 'hang-watches', { ms: 30_000 })).json.message).toBe('1 watch now hangs without bytes for 30000 ms, then end');
    const control = watch(`${NS_WATCH}&resourceVersion=${rig.store.currentRV()}`);
    await eventually(() => rig.target.api.watches.size === 2);
    const bytes = hung.bytes;
    newNamespace('late');
    await control.until((w) => w.names().includes('ADDED late'));
    await new Promise((r) => setTimeout(r, 100));
    expect(hung.bytes).toBe(bytes);
    expect(hung.ended).toBe(false);
    clock.advance(30_000);
    await hung.done;
    expect(control.ended).toBe(false);
  });

  it('hang-watches --next gives the next watch its headers and then nothing', async () => {
    await post(rig.url, 'hang-watches', { next: true, ms: 5000 });
    const hung = watch(NS_WATCH);
    await eventually(() => hung.status === 200);
    const control = watch(NS_WATCH);
    await control.until((w) => w.events.length === 4);
    newNamespace('late');
    await control.until((w) => w.names().includes('ADDED late'));
    expect(hung.bytes).toBe(0);
    expect(hung.ended).toBe(false);
    clock.advance(5000);
    await hung.done;
    expect(hung.bytes).toBe(0);
  });
});

describe('request faults', () => {
  it('fail-next 429 answers gets and lists with TooManyRequests and Retry-After, then recovers', async () => {
    await post(rig.url, 'fail-next', { count: 2, code: 429, retryAfterSeconds: 3 });
    const w = watch(NS_WATCH);
    await w.until((x) => x.events.length === 4);
    const write = await fetch(`${rig.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cm('c')) });
    expect(write.status).toBe(201);
    for (const path of ['/api/v1/namespaces', '/api/v1/namespaces/default/configmaps/c']) {
      const r = await get(path);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('3');
      expect(await r.json()).toMatchObject({ kind: 'Status', status: 'Failure', code: 429, reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } });
    }
    expect((await get('/api/v1/namespaces')).status).toBe(200);
  });

  it('fail-next 500 answers with InternalError, then recovers', async () => {
    await post(rig.url, 'fail-next', { code: 500 });
    const r = await get('/api/v1/namespaces');
    expect(r.status).toBe(500);
    expect(await r.json()).toMatchObject({ kind: 'Status', code: 500, reason: 'InternalError' });
    expect((await get('/api/v1/namespaces')).status).toBe(200);
  });

  it('delay holds the next requests until the time has passed', async () => {
    await post(rig.url, 'delay', { ms: 2000, count: 1 });
    let answered = false;
    const slow = get('/api/v1/namespaces').then((r) => { answered = true; return r; });
    await eventually(() => clock.pending() > 0);
    clock.advance(1999);
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    clock.advance(1);
    expect((await slow).status).toBe(200);
    expect((await get('/api/v1/namespaces')).status).toBe(200);
  });
});

describe('restart', () => {
  it('refuses connections while down, then serves the same data on the same port', async () => {
    rig.store.create('configmaps', cm('kept'));
    const rv = rig.store.get('configmaps', 'default', 'kept')!.metadata.resourceVersion;
    const open = watch(NS_WATCH);
    await open.until((w) => w.events.length === 4);
    const before = rig.target.api;
    const r = await post(rig.url, 'restart', { downMs: 3000 });
    expect(r.json.message).toBe('restarting the API server: down for 3000 ms');
    await open.done;
    const refused = async () => {
      try { await get('/healthz'); return false; } catch (e) { return (e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED'; }
    };
    await eventually(refused);
    expect(rig.injector.list()).toEqual([{ fault: 'restart', description: 'the API server is restarting' }]);
    clock.advance(3000);
    await eventually(async () => !(await refused()));
    expect(rig.target.api).not.toBe(before);
    expect(rig.target.api.url).toBe(rig.url);
    const kept = await (await get('/api/v1/namespaces/default/configmaps/kept')).json();
    expect(kept.metadata.resourceVersion).toBe(rv);
    expect((await post(rig.url, 'fail-next', { code: 500 })).status).toBe(200);
  });
});

describe('admin API', () => {
  it('lists active faults and clears them', async () => {
    await post(rig.url, 'fail-next', { count: 2, code: 429 });
    await post(rig.url, 'delay', { ms: 10 });
    const list = await (await get('/_sim/faults')).json();
    expect(list.faults).toEqual([
      { fault: 'fail-next', description: 'the next 2 gets or lists fail with 429 TooManyRequests (Retry-After: 1)' },
      { fault: 'delay', description: 'every request waits 10 ms' },
    ]);
    expect((await post(rig.url, 'clear')).json).toEqual({ message: 'cleared every fault', faults: [] });
  });

  it.each([
    ['an unknown fault', 'explode', {}, 404, /unknown fault "explode"/],
    ['a bad code', 'fail-next', { code: 404 }, 400, /code must be 500 or 429/],
    ['a missing argument', 'delay', {}, 400, /ms is required/],
    ['a negative count', 'expire-next-watch', { count: -1 }, 400, /count must be an integer/],
    ['an unknown argument', 'compact', { now: true }, 400, /unknown argument now for compact/],
  ])('refuses %s', async (_what, fault, args, status, error) => {
    const r = await post(rig.url, fault, args);
    expect(r.status).toBe(status);
    expect(r.json.error).toMatch(error);
    expect(rig.injector.list()).toEqual([]);
  });

  function raw(headers: Record<string, string>, body = '{}'): Promise<number> {
    return new Promise((res, rej) => {
      const req = request(`${rig.url}/_sim/faults/drop-watches`, { method: 'POST', headers }, (r) => { r.resume(); res(r.statusCode!); });
      req.on('error', rej);
      req.end(body);
    });
  }

  it('refuses requests a web page could make: other Host names, an Origin, non-JSON bodies', async () => {
    expect(await raw({ host: 'evil.example:80', 'content-type': 'application/json' })).toBe(403);
    expect(await raw({ origin: 'http://localhost:3000', 'content-type': 'application/json' })).toBe(403);
    expect(await raw({ 'content-type': 'text/plain' })).toBe(415);
    expect(await raw({ 'content-type': 'application/json' })).toBe(200);
  });

  it('refuses a client that is not on this machine', async () => {
    let status = 0;
    const res = { headersSent: false, writeHead: (code: number) => { status = code; }, end: () => {} };
    const req = { method: 'POST', url: '/_sim/faults/compact', headers: { host: '127.0.0.1:6443', 'content-type': 'application/json' }, socket: { remoteAddress: '192.168.1.20' } };
    const before = rig.store.currentRV();
    rig.store.create('configmaps', cm('x'));
    expect(await rig.injector.interceptor(req as never, res as never, new URL('http://127.0.0.1:6443/_sim/faults/compact'))).toBe(true);
    expect(status).toBe(403);
    // Not compacted: resuming from before still works.
    expect(() => rig.store.watch('configmaps', { fromRV: before }, () => {}).stop()).not.toThrow();
  });
});
