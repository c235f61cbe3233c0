import { describe, expect, it } from 'vitest';
import { actionRequests, fetchSession, resultFromResponse, sendAction } from './action-client.ts';

describe('resultFromResponse', () => {
  it('a success carries the server\'s message', () => {
    expect(resultFromResponse(200, '{"ok":true,"message":"Scaled web from 2 to 5"}')).toEqual({ ok: true, message: 'Scaled web from 2 to 5' });
  });

  it('an error carries the server\'s plain-language sentence and reason', () => {
    expect(resultFromResponse(403, '{"error":"forbidden by RBAC: cannot delete pods in default","reason":"Forbidden"}'))
      .toEqual({ ok: false, message: 'forbidden by RBAC: cannot delete pods in default', reason: 'Forbidden', status: 403 });
  });

  it('an answer that is not JSON (a proxy page) still reads as a sentence', () => {
    expect(resultFromResponse(502, '<html>Bad Gateway</html>')).toMatchObject({ ok: false, message: 'the dashboard server failed (502)', reason: null });
    expect(resultFromResponse(404, '')).toMatchObject({ ok: false, message: 'the dashboard server does not offer this action (404)' });
  });
});

describe('sendAction', () => {
  it('sends same-origin JSON with the CSRF token header', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const r = await sendAction(actionRequests.scale('default', 'web', 4), 'tok', async (url, init) => {
      seen.push({ url, init });
      return new Response('{"ok":true,"message":"Scaled web from 2 to 4"}', { status: 200 });
    });
    expect(r).toEqual({ ok: true, message: 'Scaled web from 2 to 4' });
    expect(seen[0].url).toBe('/api/namespaces/default/statefulsets/web/scale');
    expect(seen[0].init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"replicas":4}' });
    expect(seen[0].init.headers).toMatchObject({ 'X-CSRF-Token': 'tok', 'Content-Type': 'application/json' });
  });

  it('a DELETE of one pod has no body', async () => {
    let init: RequestInit | undefined;
    await sendAction(actionRequests.deletePod('default', 'web-1'), 't', async (_u, i) => { init = i; return new Response('{}'); });
    expect(init).toMatchObject({ method: 'DELETE', body: undefined });
  });

  it('a network failure becomes a result, not an exception', async () => {
    const r = await sendAction(actionRequests.restart('default', 'web'), 't', async () => { throw new TypeError('Failed to fetch'); });
    expect(r).toEqual({ ok: false, message: 'could not reach the dashboard server: Failed to fetch', reason: 'Network', status: 0 });
  });
});

describe('fetchSession', () => {
  it('reads the token, read-only flag and replica limit', async () => {
    const s = await fetchSession(async () => Response.json({ csrfToken: 'abc', readOnly: true, maxReplicas: 10, namespaces: null }));
    expect(s).toEqual({ csrfToken: 'abc', readOnly: true, maxReplicas: 10, namespaces: null });
  });

  it('fails with the server\'s sentence', async () => {
    await expect(fetchSession(async () => Response.json({ error: 'host not allowed' }, { status: 403 }))).rejects.toThrow('host not allowed');
  });
});
