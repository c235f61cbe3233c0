// Bad input against the embedded API server (issue 9, part 4): generated malformed requests to
// every resource route the dashboard and kubectl use. Every answer must be a 4xx Status with a
// message (reads may also answer 200: an unknown query parameter is ignored, as kube-apiserver
// does), never a 5xx, never a hang; the store must not change (no controllers run here, so any
// new resourceVersion is a write that got through); the server must still answer afterwards.
// Counts: BAD_INPUT_RUNS per property (default 300; `npm run test:fuzz` runs many more).

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R } from '../sim/resources.ts';
import { startTestCluster, type TestCluster } from '../k8s/testdata/cluster.ts';
import { anyJsonValue, asSegment, badCount, badName, badNumber, badSegmentName, fuzzParams, fuzzTimeoutMs, isValidName, junkQuery, notAnObjectText, withQuery, wrongContentType } from './arbitraries.ts';
import { send, type RawRequest, type RawResponse } from './http-client.ts';

let tc: TestCluster;
let base: string;

beforeAll(async () => {
  tc = await startTestCluster({ bare: true, empty: false });
  base = tc.cluster.api.url;
  // Objects to aim at: a pod and a config map besides the seeded set, service and claims.
  tc.cluster.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
  tc.cluster.store.create(R.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } });
});
afterAll(async () => { await tc.stop(); });

/** Collections a client reaches, and an object in each that exists. */
const COLLECTIONS = [
  { path: '/api/v1/namespaces/default/pods', existing: 'web-0', kind: 'Pod', apiVersion: 'v1' },
  { path: '/api/v1/namespaces/default/configmaps', existing: 'settings', kind: 'ConfigMap', apiVersion: 'v1' },
  { path: '/api/v1/namespaces/default/services', existing: 'nginx', kind: 'Service', apiVersion: 'v1' },
  { path: '/api/v1/namespaces/default/persistentvolumeclaims', existing: 'www-web-0', kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
  { path: '/apis/apps/v1/namespaces/default/statefulsets', existing: 'web', kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { path: '/apis/apps/v1/namespaces/default/controllerrevisions', existing: 'nope', kind: 'ControllerRevision', apiVersion: 'apps/v1' },
  { path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', existing: 'nope', kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1' },
  { path: '/api/v1/namespaces/default/events', existing: 'nope', kind: 'Event', apiVersion: 'v1' },
  { path: '/api/v1/namespaces', existing: 'default', kind: 'Namespace', apiVersion: 'v1' },
  { path: '/api/v1/persistentvolumes', existing: 'nope', kind: 'PersistentVolume', apiVersion: 'v1' },
  { path: '/apis/storage.k8s.io/v1/storageclasses', existing: 'standard', kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1' },
] as const;

const collection = fc.constantFrom(...COLLECTIONS);
/** Not an image reference: empty, padded, or not a string. */
const badImage = fc.oneof(fc.constantFrom('', ' ', ' nginx', 'nginx ', '\tnginx', null, 0, 1.5, true, [], {}, ['nginx'], { name: 'nginx' }), badNumber.filter((v) => typeof v !== 'string'));
const segmentStyle = fc.constantFrom('raw' as const, 'encoded' as const, 'double' as const);

/** What every answer must be; reads may be 200. Returns a description of what is wrong, or null. */
function judge(req: RawRequest, res: RawResponse, mayBeOk: boolean): string | null {
  const what = `${req.method} ${req.path.slice(0, 160)} -> ${res.status} ${res.text.slice(0, 200)}`;
  if (res.status >= 500) return `server error: ${what}`;
  if (res.status < 400) return mayBeOk ? null : `accepted: ${what}`;
  let status: { kind?: string; code?: number; message?: string };
  try {
    status = JSON.parse(res.text) as typeof status;
  } catch {
    return `not a JSON Status: ${what}`;
  }
  if (status.kind !== 'Status' || status.code !== res.status || typeof status.message !== 'string' || status.message.length === 0) {
    return `not a Status with a message: ${what}`;
  }
  return null;
}

/** Sends the request; fails the property on a bad answer or a write that got through. */
async function expectRefused(req: RawRequest, opts: { mayBeOk?: boolean } = {}): Promise<void> {
  const rv = tc.cluster.store.currentRV();
  const res = await send(base, req);
  const problem = judge(req, res, opts.mayBeOk ?? false);
  if (problem) throw new Error(problem);
  if (tc.cluster.store.currentRV() !== rv) throw new Error(`the store changed: ${req.method} ${req.path} -> ${res.status}`);
}

const json = { 'content-type': 'application/json' };

describe('embedded API server: generated bad input', () => {
  it('reads with bad names and junk query parameters: 200 or a 4xx Status, nothing changes', async () => {
    const read = fc.record({ c: collection, name: fc.option(badSegmentName, { nil: undefined }), style: segmentStyle, sub: fc.constantFrom('', '/status', '/scale', '/log', '/..', '/x/y/z'), query: junkQuery, table: fc.boolean() });
    await fc.assert(fc.asyncProperty(read, async ({ c, name, style, sub, query, table }) => {
      const path = name === undefined ? c.path : `${c.path}/${asSegment(name, style)}${sub}`;
      await expectRefused({ method: 'GET', path: withQuery(path, query), headers: table ? { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } : {} }, { mayBeOk: true });
    }), fuzzParams());
  }, fuzzTimeoutMs());

  it('creates with bodies that are not objects, wrong content types or invalid objects: always a 4xx', async () => {
    const body = fc.oneof(
      notAnObjectText.map((text) => ({ text, type: 'application/json' as string | undefined })),
      fc.record({ text: fc.constant('{"metadata":{"name":"fresh"}}'), type: wrongContentType.filter((t) => t !== undefined && !/^application\/(json|yaml)(;|$)/.test(t)) }),
    );
    const invalidObject = fc.record({ name: fc.oneof(badName, badNumber.filter((v) => typeof v !== 'string' || !isValidName(v))), extra: fc.dictionary(fc.string({ maxLength: 10 }), anyJsonValue, { maxKeys: 3 }) });
    const create = fc.oneof(
      fc.record({ c: collection, body }).map(({ c, body: b }) => ({ c, text: b.text, type: b.type })),
      // PersistentVolume names only exclude '.', '..', '/' and '%' (path segment names).
      fc.record({ c: collection.filter((c) => c.kind !== 'PersistentVolume'), o: invalidObject }).map(({ c, o }) => ({ c, text: JSON.stringify({ ...o.extra, apiVersion: c.apiVersion, kind: c.kind, metadata: { name: o.name } }), type: 'application/json' as string | undefined })),
      fc.record({ c: collection, kind: fc.oneof(badName, badNumber), meta: fc.oneof(fc.constant('x'), fc.constant([]), fc.constant(7), fc.constant(null)) }).map(({ c, kind, meta }) => ({ c, text: JSON.stringify({ apiVersion: c.apiVersion, kind, metadata: meta }), type: 'application/json' as string | undefined })),
    );
    await fc.assert(fc.asyncProperty(create, junkQuery, async ({ c, text, type }, query) => {
      await expectRefused({ method: 'POST', path: withQuery(c.path, query.filter(([k]) => k !== 'dryRun')), headers: type === undefined ? {} : { 'content-type': type }, body: text });
    }), fuzzParams());
  }, fuzzTimeoutMs());

  it('updates and patches that are malformed or invalid: always a 4xx', async () => {
    const patchType = fc.constantFrom('application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml');
    const objectPatchType = fc.constantFrom('application/merge-patch+json', 'application/strategic-merge-patch+json');
    // Malformed whatever the target: not a patch, not the right media type, impossible operations.
    const malformed = fc.oneof(
      fc.record({ type: patchType, text: notAnObjectText.filter((t) => !t.trim().startsWith('[')) }),
      fc.record({ type: wrongContentType.filter((t) => !/patch/.test(t ?? '')), text: fc.constant('{"metadata":{"labels":{"a":"b"}}}') }),
      fc.record({ type: fc.constant('application/json-patch+json'), text: fc.constantFrom(
        '[{"op":"explode","path":"/spec"}]', '[{"op":"replace"}]', '[{"op":"remove","path":"/nope/deeper"}]',
        '[{"op":"test","path":"/metadata/name","value":"not-this"}]', '[{"op":"replace","path":"/metadata/name","value":"other"}]', '[1,2,3]', '[null]',
      ) }),
    );
    // Wrong for any kind: a new name, a new namespace, labels that are not strings.
    const anyKind = fc.record({ type: objectPatchType, text: fc.oneof(
      fc.oneof(badName, fc.constant('other')).map((n) => JSON.stringify({ metadata: { name: n } })),

      fc.constantFrom(1, 1.5, true, [], {}, ['a']).map((v) => JSON.stringify({ metadata: { labels: { a: v } } })),
      fc.constantFrom(1, 'a', {}, [1], [{}], [[]]).map((v) => JSON.stringify({ metadata: { finalizers: v } })),
    ) });
    const forSet = fc.oneof(
      fc.record({ type: objectPatchType, text: fc.oneof(
        badCount.map((n) => JSON.stringify({ spec: { replicas: n } })),
        badCount.map((n) => JSON.stringify({ spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: n } } } })),
        badImage.filter((v) => typeof v !== 'string' && v !== null).map((v) => JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'nginx', image: v }] } } } })),
        fc.constant(JSON.stringify({ spec: { serviceName: 'other' } })),
        fc.constant(JSON.stringify({ spec: { selector: { matchLabels: { app: 'other' } } } })),
      ) }),
      fc.record({ type: fc.constant('application/json-patch+json'), text: badCount.map((n) => JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: n }])) }),
    );
    const forPod = fc.record({ type: fc.constant('application/strategic-merge-patch+json'), text: badImage.filter((v) => v !== null).map((v) => JSON.stringify({ spec: { containers: [{ name: 'nginx', image: v }] } })) });
    // A namespace in the body of a cluster-scoped object is ignored (as upstream): only namespaced ones.
    const otherNamespace = fc.record({ type: objectPatchType, text: fc.constant(JSON.stringify({ metadata: { namespace: 'kube-system' } })) });
    const patchFor = (kind: string) => fc.oneof(malformed, anyKind, kind === 'StatefulSet' ? forSet : kind === 'Pod' ? forPod : anyKind,
      ['Namespace', 'PersistentVolume', 'StorageClass'].includes(kind) ? anyKind : otherNamespace);
    const request = fc.record({ c: collection, name: fc.oneof(fc.constant<string | null>(null), badSegmentName), style: segmentStyle, put: fc.boolean() })
      .chain((t) => fc.record({ patch: patchFor(t.c.kind), sub: fc.constantFrom('', '/scale') }).map((p) => ({ ...t, ...p })));
    await fc.assert(fc.asyncProperty(request, async ({ c, name, style, put, patch, sub }) => {
      const path = `${c.path}/${name === null ? c.existing : asSegment(name, style)}`;
      if (put) {
        const body = patch.text.trim().startsWith('{"metadata":{"name"') ? patch.text : JSON.stringify([patch.text]);
        await expectRefused({ method: 'PUT', path, headers: json, body });
      } else {
        await expectRefused({ method: 'PATCH', path: sub === '/scale' && c.kind === 'StatefulSet' && !patch.text.includes('replicas') ? path : `${path}${sub}`, headers: patch.type === undefined ? {} : { 'content-type': patch.type }, body: patch.text });
      }
    }), fuzzParams());
  }, fuzzTimeoutMs());

  it('status writes that are not objects or not of the right media type: always a 4xx', async () => {
    const body = fc.oneof(
      fc.record({ type: fc.constantFrom('application/json', 'application/merge-patch+json'), text: notAnObjectText }),
      fc.record({ type: wrongContentType.filter((t): t is string => t !== undefined && !/json|yaml/.test(t)), text: fc.constant('{"status":{}}') }),
    );
    await fc.assert(fc.asyncProperty(collection, fc.boolean(), body, async (c, put, b) => {
      await expectRefused({ method: put ? 'PUT' : 'PATCH', path: `${c.path}/${c.existing}/status`, headers: { 'content-type': b.type }, body: b.text });
    }), fuzzParams());
  }, fuzzTimeoutMs());

  it('deletes with malformed options: always a 4xx', async () => {
    const options = fc.oneof(
      fc.record({ query: fc.constantFrom('gracePeriodSeconds', 'propagationPolicy').chain((k) => (k === 'gracePeriodSeconds'
        ? fc.constantFrom('1.5', 'NaN', 'abc', '', ' ', '1e3', '--1', '٣', '0x1')
        : fc.string({ maxLength: 20 }).filter((s) => !['Background', 'Foreground', 'Orphan'].includes(s))).map((v) => [[k, v]] as Array<[string, string]>)), body: fc.constant<string | undefined>(undefined) }),
      fc.record({ query: fc.constant<Array<[string, string]>>([]), body: notAnObjectText.filter((t) => t.trim() !== '').map((t) => t as string | undefined) }),
      fc.record({ query: fc.constant<Array<[string, string]>>([]), body: fc.constant('{"preconditions":{"uid":"not-the-uid"}}') }),
    );
    const target = fc.record({ c: collection, name: fc.oneof(fc.constant<string | null>(null), badSegmentName), style: segmentStyle });
    await fc.assert(fc.asyncProperty(target, options, async ({ c, name, style }, o) => {
      const path = `${c.path}/${name === null ? c.existing : asSegment(name, style)}`;
      await expectRefused({ method: 'DELETE', path: withQuery(path, o.query), headers: o.body === undefined ? {} : json, body: o.body });
    }), fuzzParams());
  }, fuzzTimeoutMs());

  it('paths that are not routes, with any method: a 4xx Status', async () => {
    const bad = fc.oneof(badSegmentName.map((n) => asSegment(n, 'raw')), fc.constantFrom('%E0%A4%A', '%', '%00', '..', '.', '%2e%2e', '%2F'));
    const seg = fc.oneof(bad, fc.constantFrom('api', 'apis', 'v1', 'v2', 'namespaces', 'default', 'pods', 'apps', 'status', 'scale'));
    // At least one segment no route has: whatever else the path holds, it names nothing real.
    const segments = fc.tuple(fc.array(seg, { maxLength: 3 }), bad, fc.array(seg, { maxLength: 3 })).map(([a, b, c]) => [...a, b, ...c]);
    const route = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'),
      segs: segments,
      prefix: fc.constantFrom('/api', '/apis', '/api/v1', '/apis/apps/v1', '/api/v1/namespaces/default', ''),
      query: junkQuery,
    });
    await fc.assert(fc.asyncProperty(route, async ({ method, segs, prefix, query }) => {
      const path = withQuery(`${prefix}/${segs.join('/')}`, query);
      // A GET of a discovery document or a list that happens to exist may be 200.
      await expectRefused({ method, path, headers: json, body: method === 'GET' || method === 'DELETE' ? undefined : '{"metadata":{"name":"Not_A_Name"}}' }, { mayBeOk: method === 'GET' });
    }), fuzzParams());
  }, fuzzTimeoutMs());

  it('refuses bodies over 3 MiB with 413, with or without Content-Length, and stays healthy', async () => {
    const huge = `{"metadata":{"name":"big"},"data":{"x":"${'a'.repeat(4 * 1024 * 1024)}"}}`;
    await expectRefused({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: json, body: huge });
    await expectRefused({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: json, body: huge, chunked: true });
    await expectRefused({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/settings', headers: json, body: huge });
    await expectRefused({ method: 'PATCH', path: '/apis/apps/v1/namespaces/default/statefulsets/web', headers: { 'content-type': 'application/merge-patch+json' }, body: huge });
    const r = await send(base, { method: 'GET', path: '/healthz' });
    expect(r).toMatchObject({ status: 200, text: 'ok' });
  });

  it('is still healthy and unchanged after all of the above', async () => {
    expect((await send(base, { method: 'GET', path: '/readyz' })).status).toBe(200);
    const list = JSON.parse((await send(base, { method: 'GET', path: '/api/v1/namespaces/default/configmaps' })).text) as { items: Array<{ metadata: { name: string } }> };
    expect(list.items.map((i) => i.metadata.name).sort()).toEqual(['settings']);
  });
});
