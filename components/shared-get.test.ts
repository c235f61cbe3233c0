import { expect, it } from 'vitest';
import { createSharedGet } from './shared-get.ts';

function fakeFetch() {
  const calls: string[] = [];
  const pending: Array<(r: Response) => void> = [];
  const fetchFn = (url: string) => {
    calls.push(url);
    return new Promise<Response>((resolve) => pending.push(resolve));
  };
  return { calls, fetchFn, answer: (body: string, status = 200) => pending.shift()!(new Response(body, { status })) };
}

it('hands callers that ask at the same time one request and the same answer', async () => {
  const f = fakeFetch();
  const get = createSharedGet(f.fetchFn);
  const a = get('/api/namespaces');
  const b = get('/api/namespaces');
  const other = get('/api/namespaces/default/statefulsets');
  expect(f.calls).toEqual(['/api/namespaces', '/api/namespaces/default/statefulsets']);
  f.answer('{"namespaces":["default","kube-system"]}');
  f.answer('[]');
  expect(await a).toEqual({ ok: true, status: 200, json: { namespaces: ['default', 'kube-system'] } });
  expect(await b).toBe(await a);
  expect((await other).json).toEqual([]);
});

it('asks the server again once the answer is in, and after a failure', async () => {
  const f = fakeFetch();
  const get = createSharedGet(f.fetchFn);
  const first = get('/api/namespaces');
  f.answer('{"error":"forbidden"}', 403);
  expect(await first).toEqual({ ok: false, status: 403, json: { error: 'forbidden' } });
  const second = get('/api/namespaces');
  expect(f.calls).toHaveLength(2);
  f.answer('not json', 502);
  expect(await second).toEqual({ ok: false, status: 502, json: null });
  const failing = createSharedGet(() => Promise.reject(new TypeError('Failed to fetch')));
  await expect(failing('/api/namespaces')).rejects.toThrow('Failed to fetch');
});
