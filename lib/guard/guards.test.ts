import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.ts';
import { checkAccessToken, accessTokenCookie } from './access-token.ts';
import { checkCsrfToken, csrfCookie, isWellFormedCsrfToken, newCsrfToken, sessionCsrfToken } from './csrf.ts';
import { guardMutation, ownOrigin } from './mutation-guard.ts';
import { sameSecret } from './secrets.ts';

const TOKEN = newCsrfToken();
const config = parseConfig({});

function post(opts: { url?: string; host?: string | null; origin?: string | null; cookie?: string | null; header?: string | null } = {}): Request {
  const headers = new Headers({ 'content-type': 'application/json' });
  const set = (k: string, v: string | null | undefined, dflt: string) => { if (v !== null) headers.set(k, v ?? dflt); };
  set('host', opts.host, 'localhost:3000');
  set('origin', opts.origin, 'http://localhost:3000');
  set('cookie', opts.cookie === undefined ? undefined : opts.cookie === null ? null : opts.cookie, `other=1; sts_csrf=${TOKEN}`);
  set('x-csrf-token', opts.header, TOKEN);
  return new Request(opts.url ?? 'http://localhost:3000/api/x', { method: 'POST', headers, body: '{}' });
}

describe('guardMutation', () => {
  it('lets the dashboard page through', () => {
    expect(guardMutation(post(), config)).toBeNull();
    expect(guardMutation(post({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), config)).toBeNull();
    expect(guardMutation(post({ host: '[::1]:8080', origin: 'http://[::1]:8080' }), config)).toBeNull();
    expect(guardMutation(post({ host: 'LocalHost:3000', origin: 'http://localhost:3000' }), config)).toBeNull();
  });

  it('refuses a Host that is not allowed (DNS rebinding), whatever else is right', () => {
    const r = guardMutation(post({ host: 'evil.example:3000', origin: 'http://evil.example:3000' }), config);
    expect(r).toMatchObject({ status: 403, reason: 'HostNotAllowed' });
    expect(r?.error).toMatch(/^host "evil.example" is not allowed: .*STS_ALLOWED_HOSTS/);
    expect(guardMutation(post({ host: null }), config)).toMatchObject({ reason: 'HostNotAllowed' });
    expect(guardMutation(post({ host: 'a/b' }), config)).toMatchObject({ reason: 'HostNotAllowed' });
    const lan = parseConfig({ STS_ALLOWED_HOSTS: 'dash.lan' });
    expect(guardMutation(post({ host: 'dash.lan', origin: 'http://dash.lan' }), lan)).toBeNull();
    expect(guardMutation(post(), lan)).toMatchObject({ reason: 'HostNotAllowed' });
  });

  it('refuses a foreign, missing or "null" Origin, and one with another port or scheme', () => {
    for (const origin of ['http://evil.example', null, 'null', 'http://localhost:3001', 'https://localhost:3000', 'not a url']) {
      expect(guardMutation(post({ origin }), config), String(origin)).toMatchObject({ status: 403, reason: 'OriginNotAllowed' });
    }
  });

  it('takes the scheme from the request URL (https behind a TLS proxy, as Next.js reports it)', () => {
    const r = post({ url: 'https://localhost:3000/api/x', origin: 'https://localhost:3000' });
    expect(ownOrigin(r)).toBe('https://localhost:3000');
    expect(guardMutation(r, config)).toBeNull();
    expect(ownOrigin(post({ host: 'localhost:80' }))).toBe('http://localhost');
    expect(guardMutation(post({ host: 'localhost:80', origin: 'http://localhost' }), config)).toBeNull();
  });

  it('refuses a missing or wrong CSRF token (header must equal cookie)', () => {
    expect(guardMutation(post({ cookie: null }), config)).toMatchObject({ status: 403, reason: 'CsrfFailed', error: expect.stringMatching(/no CSRF cookie/) });
    expect(guardMutation(post({ header: null }), config)).toMatchObject({ reason: 'CsrfFailed', error: expect.stringMatching(/no X-CSRF-Token header/) });
    expect(guardMutation(post({ header: newCsrfToken() }), config)).toMatchObject({ reason: 'CsrfFailed', error: expect.stringMatching(/does not match/) });
    expect(guardMutation(post({ header: 'x', cookie: 'sts_csrf=x' }), config)).toMatchObject({ reason: 'CsrfFailed' });
  });

  it('refuses everything in read-only mode, after the other guards', () => {
    const ro = parseConfig({ STS_READ_ONLY: 'true' });
    expect(guardMutation(post(), ro)).toMatchObject({ status: 403, reason: 'ReadOnly', error: expect.stringMatching(/read-only/) });
    expect(guardMutation(post({ origin: 'http://evil.example' }), ro)).toMatchObject({ reason: 'OriginNotAllowed' });
  });
});

describe('CSRF tokens', () => {
  it('are 32 random bytes, reused from a well-formed cookie so tabs share one', () => {
    expect(isWellFormedCsrfToken(TOKEN)).toBe(true);
    expect(newCsrfToken()).not.toBe(TOKEN);
    expect(sessionCsrfToken(post())).toEqual({ token: TOKEN, fresh: false });
    const fresh = sessionCsrfToken(post({ cookie: 'sts_csrf=garbage' }));
    expect(fresh.fresh).toBe(true);
    expect(isWellFormedCsrfToken(fresh.token)).toBe(true);
    expect(checkCsrfToken(post())).toBe('ok');
  });

  it('set an HttpOnly SameSite=Strict cookie, Secure over https', () => {
    expect(csrfCookie('t', post())).toBe('sts_csrf=t; Path=/; HttpOnly; SameSite=Strict');
    expect(csrfCookie('t', post({ url: 'https://localhost/api/x' }))).toBe('sts_csrf=t; Path=/; HttpOnly; SameSite=Strict; Secure');
  });

  it('compare in constant time, regardless of length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });
});

describe('checkAccessToken', () => {
  const secret = 'correct-horse-battery-staple';
  const withToken = parseConfig({ STS_ACCESS_TOKEN: secret });
  const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

  it('lets everything through when no token is configured', () => {
    expect(checkAccessToken(get('http://localhost/'), config)).toEqual({ ok: true, via: 'none-required' });
  });

  it('accepts the token as a bearer header, the sts_token cookie or ?token=', () => {
    expect(checkAccessToken(get('http://localhost/', { authorization: `Bearer ${secret}` }), withToken)).toEqual({ ok: true, via: 'header' });
    expect(checkAccessToken(get('http://localhost/', { cookie: `a=b; sts_token=${secret}` }), withToken)).toEqual({ ok: true, via: 'cookie' });
    expect(checkAccessToken(get(`http://localhost/?token=${secret}`), withToken)).toEqual({ ok: true, via: 'query' });
    expect(accessTokenCookie(secret, get('http://localhost/'))).toBe(`sts_token=${secret}; Path=/; HttpOnly; SameSite=Strict`);
  });

  it('refuses a missing or wrong token with 401', () => {
    const none = checkAccessToken(get('http://localhost/'), withToken);
    expect(none).toMatchObject({ ok: false, refusal: { status: 401, reason: 'Unauthorized', error: expect.stringMatching(/needs its access token/) } });
    for (const r of [
      get('http://localhost/', { authorization: `Bearer ${secret}x` }),
      get('http://localhost/', { authorization: `Basic ${secret}` }),
      get('http://localhost/', { cookie: `sts_token=${secret.slice(1)}` }),
      get('http://localhost/?token=nope'),
    ]) {
      expect(checkAccessToken(r, withToken)).toMatchObject({ ok: false, refusal: { status: 401 } });
    }
  });
});
