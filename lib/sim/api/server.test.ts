// The embedded API server over HTTP: errors are Status objects with the upstream reason and
// code, bad input changes nothing, and watches behave as client-go expects.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClusterStore } from '../store/new-store.ts';
import type { Store } from '../store/store.ts';
import { seedSystem } from '../seed.ts';
import { startApiServer, type ApiServer } from './server.ts';

let api: ApiServer;
let store: Store;

beforeAll(async () => {
  store = newClusterStore();
  seedSystem(store);
  api = await startApiServer({ store, bookmarkIntervalMs: 100 });
});
afterAll(async () => { await api.close(); });

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(api.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text };
}

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });

describe('errors are Status objects and change nothing', () => {
  it.each([
    ['malformed JSON', 'POST', '/api/v1/namespaces/default/configmaps', '{"kind": ', 400, 'BadRequest'],
    ['wrong kind for the URL', 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }, 400, 'BadRequest'],
    ['wrong apiVersion', 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'x' } }, 400, 'BadRequest'],
    ['invalid name', 'POST', '/api/v1/namespaces/default/configmaps', cm('Bad_Name'), 422, 'Invalid'],
    ['unknown resource', 'GET', '/api/v1/namespaces/default/widgets', undefined, 404, 'NotFound'],
    ['unknown group', 'GET', '/apis/nope.io/v1/things', undefined, 404, 'NotFound'],
    ['missing namespace', 'POST', '/api/v1/namespaces/nope/configmaps', cm('x'), 404, 'NotFound'],
    ['an array body', 'POST', '/api/v1/namespaces/default/configmaps', '[1,2]', 400, 'BadRequest'],
    ['PUT to a collection', 'PUT', '/api/v1/namespaces/default/configmaps', cm('x'), 405, 'MethodNotAllowed'],
    ['a bad label selector', 'GET', '/api/v1/namespaces/default/configmaps?labelSelector=a%20b', undefined, 400, 'BadRequest'],
    ['an unsupported field selector', 'GET', '/api/v1/namespaces/default/configmaps?fieldSelector=spec.x%3D1', undefined, 400, 'BadRequest'],
    ['an unknown patch type', 'PATCH', '/api/v1/namespaces/default/configmaps/x', '{}', 415, 'UnsupportedMediaType'],
    ['writes to read-only endpoints', 'POST', '/api/v1/namespaces/default/endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' } }, 405, 'MethodNotAllowed'],
  ])('%s', async (_what, method, path, body, code, reason) => {
    const before = store.currentRV();
    const r = await call(method as string, path as string, body);
    expect(r.status).toBe(code);
    expect(r.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason });
    expect(typeof r.json.message).toBe('string');
    expect(store.currentRV()).toBe(before);
  });

  it('refuses an oversized body with 413', async () => {
    const big = { ...cm('big'), data: { k: 'x'.repeat(4 * 1024 * 1024) } };
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', big);
    expect(r.status).toBe(413);
    expect(r.json.reason).toBe('RequestEntityTooLarge');
    expect(store.get('configmaps', 'default', 'big')).toBeUndefined();
  });

  it('answers 404 NotFound, 409 AlreadyExists and 409 Conflict like upstream', async () => {
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/none')).json).toMatchObject({ code: 404, reason: 'NotFound', message: 'configmaps "none" not found' });
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', cm('c1'));
    expect(created.status).toBe(201);
    expect((await call('POST', '/api/v1/namespaces/default/configmaps', cm('c1'))).json).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    const meta = created.json.metadata as { resourceVersion: string };
    const upd = await call('PUT', '/api/v1/namespaces/default/configmaps/c1', { ...cm('c1'), metadata: { name: 'c1', resourceVersion: meta.resourceVersion }, data: { k: '2' } });
    expect(upd.status).toBe(200);
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/c1', { ...cm('c1'), metadata: { name: 'c1', resourceVersion: meta.resourceVersion }, data: { k: '3' } });
    expect(stale.json).toMatchObject({ code: 409, reason: 'Conflict' });
  });
});

async function readWatch(path: string, until: (lines: Array<{ type: string; object: Record<string, unknown> }>) => boolean, timeoutMs = 5000) {
  const ctrl = new AbortController();
  const r = await fetch(api.url + path, { signal: ctrl.signal });
  const reader = r.body!.getReader();
  const events: Array<{ type: string; object: Record<string, unknown> }> = [];
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(events) && Date.now() < deadline) {
      const { value, done } = await Promise.race([reader.read(), new Promise<{ value: undefined; done: true }>((res) => setTimeout(() => res({ value: undefined, done: true }), deadline - Date.now()))]);
      if (done) break;
      buf += new TextDecoder().decode(value);
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { events.push(JSON.parse(buf.slice(0, i))); buf = buf.slice(i + 1); }
    }
  } finally {
    ctrl.abort();
  }
  return events;
}

describe('watch over HTTP', () => {
  it('streams changes after a resourceVersion, one JSON line each', async () => {
    const rv = store.currentRV();
    const p = readWatch(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, (ev) => ev.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('w1'));
    await call('DELETE', '/api/v1/namespaces/default/configmaps/w1');
    const ev = await p;
    expect(ev.map((e) => `${e.type} ${(e.object.metadata as { name: string }).name}`)).toEqual(['ADDED w1', 'DELETED w1']);
    expect(ev[0].object.kind).toBe('ConfigMap');
  });

  it('answers a compacted resourceVersion with an ERROR event carrying 410 Expired', async () => {
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('w2'));
    const old = store.currentRV() - 1;
    store.compact();
    const ev = await readWatch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${old}`, (e) => e.length >= 1);
    expect(ev[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('sends BOOKMARK events when asked', async () => {
    const ev = await readWatch(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${store.currentRV()}&allowWatchBookmarks=true`, (e) => e.some((x) => x.type === 'BOOKMARK'));
    const bm = ev.find((x) => x.type === 'BOOKMARK')!;
    expect(Number((bm.object.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(0);
  });

  it('turns selector transitions into ADDED / DELETED', async () => {
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('sel'));
    const p = readWatch(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${store.currentRV()}&labelSelector=pick%3Dyes`, (e) => e.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    const patch = (v: string | null) => call('PATCH', '/api/v1/namespaces/default/configmaps/sel', { metadata: { labels: { pick: v } } }, { 'content-type': 'application/merge-patch+json' });
    await patch('yes');
    await patch(null);
    const ev = await p;
    expect(ev.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const start = Date.now();
    const r = await fetch(`${api.url}/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1&resourceVersion=${store.currentRV()}`);
    await r.text();
    expect(Date.now() - start).toBeLessThan(3000);
  });
});

describe('discovery', () => {
  it('serves /version, /api, /apis and resource lists with the scale subresource', async () => {
    expect((await call('GET', '/version')).json.gitVersion).toMatch(/^v1\.34/);
    expect((await call('GET', '/api')).json.versions).toEqual(['v1']);
    const groups = (await call('GET', '/apis')).json.groups as Array<{ name: string }>;
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['apps', 'discovery.k8s.io', 'storage.k8s.io']));
    const apps = (await call('GET', '/apis/apps/v1')).json.resources as Array<Record<string, unknown>>;
    expect(apps).toContainEqual(expect.objectContaining({ name: 'statefulsets/scale', group: 'autoscaling', version: 'v1', kind: 'Scale' }));
    expect(apps).toContainEqual(expect.objectContaining({ name: 'statefulsets', shortNames: ['sts'], namespaced: true }));
  });
});
