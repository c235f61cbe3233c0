// The access-token gate: with STS_ACCESS_TOKEN set, every route but the probes and the login
// needs the token; a ?token= link logs in once and is taken out of the address bar.

import { describe, expect, it } from 'vitest';
import { accessGate, safeNext, withoutToken } from './access-gate.ts';

const TOKEN = 'correct-horse-battery-staple';
const on = { accessToken: TOKEN };
const req = (path: string, init: RequestInit = {}) => new Request(`http://localhost:3000${path}`, init);

describe('accessGate', () => {
  it('lets everything through when no token is configured', () => {
    expect(accessGate(req('/api/namespaces'), { accessToken: null })).toEqual({ kind: 'pass', setCookie: null });
  });

  it.each(['/api/healthz', '/api/readyz', '/login', '/api/login'])('keeps %s open for probes and the login', (path) => {
    expect(accessGate(req(path), on).kind).toBe('pass');
  });

  it.each(['/api/namespaces', '/api/metrics', '/api/namespaces/default/statefulsets/web/watch', '/api/session'])('answers API route %s 401 without the token', (path) => {
    const d = accessGate(req(path), on);
    expect(d).toMatchObject({ kind: 'refuse', status: 401, body: { reason: 'Unauthorized' } });
  });

  it('sends a page without the token to the login, remembering where it was going', () => {
    expect(accessGate(req('/namespaces/default/statefulsets/web?x=1'), on)).toEqual({
      kind: 'redirect', location: '/login?next=%2Fnamespaces%2Fdefault%2Fstatefulsets%2Fweb%3Fx%3D1', setCookie: null,
    });
    expect(accessGate(req('/'), on)).toMatchObject({ kind: 'redirect', location: '/login' });
  });

  it('refuses a wrong token everywhere', () => {
    expect(accessGate(req('/api/namespaces', { headers: { authorization: 'Bearer nope-nope-nope-nope' } }), on)).toMatchObject({ kind: 'refuse', body: { error: 'the access token is wrong' } });
    expect(accessGate(req('/?token=wrong-wrong-wrong-wrong'), on).kind).toBe('redirect');
    expect(accessGate(req('/?token=wrong-wrong-wrong-wrong'), on)).toMatchObject({ location: '/login', setCookie: null });
  });

  it('passes with the bearer header or the cookie', () => {
    expect(accessGate(req('/api/namespaces', { headers: { authorization: `Bearer ${TOKEN}` } }), on)).toEqual({ kind: 'pass', setCookie: null });
    expect(accessGate(req('/namespaces/default/statefulsets/web', { headers: { cookie: `a=b; sts_token=${TOKEN}` } }), on)).toEqual({ kind: 'pass', setCookie: null });
  });

  it('turns a ?token= page link into the HttpOnly SameSite=Strict cookie and a clean URL', () => {
    const d = accessGate(req(`/namespaces/default/statefulsets/web?token=${TOKEN}&x=1`), on);
    expect(d).toMatchObject({ kind: 'redirect', location: '/namespaces/default/statefulsets/web?x=1' });
    expect(d.kind === 'redirect' && d.setCookie).toBe(`sts_token=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    const api = accessGate(req(`/api/metrics?token=${TOKEN}`), on);
    expect(api).toMatchObject({ kind: 'pass' });
    expect(api.kind === 'pass' && api.setCookie).toContain('HttpOnly');
  });
});

describe('safeNext and withoutToken', () => {
  it.each([
    ['/namespaces/default/statefulsets/web', '/namespaces/default/statefulsets/web'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/a\r\nSet-Cookie: x', '/'],
    ['', '/'],
  ])('safeNext(%j) = %j', (next, want) => {
    expect(safeNext(next)).toBe(want);
  });

  it('keeps every parameter but the token', () => {
    expect(withoutToken(new URL('http://h/p?a=1&token=t&b=2'))).toBe('/p?a=1&b=2');
    expect(withoutToken(new URL('http://h/p?token=t'))).toBe('/p');
  });
});
