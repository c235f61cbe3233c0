// The API route handlers (app/api) end to end against the embedded API server, as Next.js calls
// them: a Request in, a Response out, the process-wide hub behind them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getNamespaces } from '../../app/api/namespaces/route.ts';
import { GET as getSets } from '../../app/api/namespaces/[ns]/statefulsets/route.ts';
import { GET as getSet } from '../../app/api/namespaces/[ns]/statefulsets/[name]/route.ts';
import { GET as watchSet } from '../../app/api/namespaces/[ns]/statefulsets/[name]/watch/route.ts';
import { GET as readyz } from '../../app/api/readyz/route.ts';
import { startTestCluster, until, type TestCluster } from '../k8s/testdata/cluster.ts';
import { getHub } from './server-hub.ts';

let tc: TestCluster;
const saved = { ...process.env };

beforeAll(async () => {
  tc = await startTestCluster({ bare: true, empty: false });
  process.env.STS_KUBECONFIG = tc.kubeconfigPath;
  delete process.env.STS_NAMESPACES;
  delete process.env.STS_CONTEXT;
});

afterAll(async () => {
  getHub().stop();
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (String(key).includes('sts-topology')) delete (globalThis as Record<symbol, unknown>)[key];
  }
  process.env = saved;
  await tc.stop();
});

const base = 'http://localhost:3000';
const params = <T,>(p: T) => ({ params: Promise.resolve(p) });

/** Reads an SSE body until it contains `marker`; returns the text so far. */
async function readUntil(res: Response, marker: string): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 10_000;
  while (!text.includes(marker)) {
    if (Date.now() > deadline) throw new Error(`no "${marker}" in: ${text}`);
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

function dataOf(text: string, event: string): unknown {
  const block = text.split('\n\n').find((b) => b.split('\n').includes(`event: ${event}`));
  const data = block?.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
  return data === undefined ? undefined : JSON.parse(data);
}

describe('GET /api/namespaces/{ns}/statefulsets/{name}/watch', () => {
  it('streams a snapshot of the set, and stops the subscription when the client goes away', async () => {
    const abort = new AbortController();
    const res = await watchSet(new Request(`${base}/api/namespaces/default/statefulsets/web/watch`, { signal: abort.signal }), params({ ns: 'default', name: 'web' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await readUntil(res, 'event: snapshot');
    expect(text).toMatch(/^retry: 2000\n\n/);
    const snap = dataOf(text, 'snapshot') as { topology: { statefulSet: { id: string } }; timeline: unknown[] };
    expect(snap.topology.statefulSet.id).toBe('StatefulSet/default/web');
    expect(snap.timeline).toEqual([]);
    expect(getHub().stats().subscribers).toBe(1);
    abort.abort();
    expect(getHub().stats().subscribers).toBe(0);
  });

  it('answers a set that does not exist with `event: gone` on a 200 stream', async () => {
    const res = await watchSet(new Request(`${base}/api/namespaces/default/statefulsets/nope/watch`), params({ ns: 'default', name: 'nope' }));
    expect(res.status).toBe(200);
    const text = await readUntil(res, 'event: gone');
    expect(dataOf(text, 'gone')).toEqual({ reason: 'StatefulSet "nope" does not exist in namespace "default"' });
    await res.body?.cancel();
  });

  it('answers malformed names with a plain 400', async () => {
    const res = await watchSet(new Request(`${base}/x`), params({ ns: 'default', name: 'Bad_Name' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^invalid StatefulSet name "Bad_Name"/) });
    const ns = await watchSet(new Request(`${base}/x`), params({ ns: 'a.b', name: 'web' }));
    expect(ns.status).toBe(400);
  });
});

describe('read routes', () => {
  it('GET /api/namespaces/{ns}/statefulsets/{name} gives the topology, or 404', async () => {
    const ok = await getSet(new Request(`${base}/x`), params({ ns: 'default', name: 'web' }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { statefulSet: { name: string } }).statefulSet.name).toBe('web');
    const missing = await getSet(new Request(`${base}/x`), params({ ns: 'default', name: 'nope' }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'StatefulSet "nope" not found in namespace "default"' });
  });

  it('GET /api/namespaces/{ns}/statefulsets lists summaries sorted by name', async () => {
    const res = await getSets(new Request(`${base}/x`), params({ ns: 'default' }));
    expect(await res.json()).toEqual([{ name: 'web', ready: 0, replicas: 2 }]);
  });

  it('GET /api/namespaces lists namespaces, restricted by STS_NAMESPACES', async () => {
    const all = (await (await getNamespaces()).json()) as { namespaces: string[]; default: string; source: string };
    expect(all).toEqual({ namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system'], default: 'default', source: 'cluster' });
    process.env.STS_NAMESPACES = 'kube-system, missing';
    try {
      const some = (await (await getNamespaces()).json()) as { namespaces: string[]; default: string };
      expect(some).toMatchObject({ namespaces: ['kube-system'], default: 'kube-system' });
      const denied = await getSets(new Request(`${base}/x`), params({ ns: 'default' }));
      expect(denied.status).toBe(403);
    } finally {
      delete process.env.STS_NAMESPACES;
    }
  });

  it('GET /api/readyz turns 200 once the default namespace synced', async () => {
    let res = readyz();
    await until('ready', () => {
      res = readyz();
      return res.status === 200;
    });
    expect(await res.json()).toEqual({ ready: true, namespace: 'default' });
  });
});
