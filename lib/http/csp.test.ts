// The page CSP: nonce-based scripts without unsafe-inline/unsafe-eval in production, the theme
// boot script allowed by its hash, framing refused; and next.config.js sends the same static
// security headers as the proxy.

import { createHash } from 'node:crypto';
import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { THEME_BOOT_SCRIPT } from '../../components/theme-boot.ts';
import { contentSecurityPolicy, newNonce, scriptHash, SECURITY_HEADERS } from './csp.ts';

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce and strict-dynamic only, plus hashed inline scripts', () => {
    const d = directives(contentSecurityPolicy({ nonce: 'abc123', dev: false, inlineScripts: [THEME_BOOT_SCRIPT] }));
    const themeHash = createHash('sha256').update(THEME_BOOT_SCRIPT).digest('base64');
    expect(d['script-src']).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'", `'sha256-${themeHash}'`]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['upgrade-insecure-requests']).toBeUndefined();
  });

  it('adds unsafe-eval only for next dev', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: false })).not.toContain('unsafe-eval');
    expect(directives(contentSecurityPolicy({ nonce: 'n', dev: true }))['script-src']).toContain("'unsafe-eval'");
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
    expect(scriptHash('x')).toBe(`'sha256-${createHash('sha256').update('x').digest('base64')}'`);
  });
});

describe('next.config.js headers()', () => {
  it('sends the security headers on every route, the same as the proxy', async () => {
    // Plain JS without types: imported by URL.
    const nextConfig = (await import(new URL('../../next.config.js', import.meta.url).href)).default as NextConfig;
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: '/:path*', headers: SECURITY_HEADERS }]);
    expect(SECURITY_HEADERS.map((h) => h.key)).toEqual(expect.arrayContaining(['X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy', 'X-Frame-Options']));
  });
});
