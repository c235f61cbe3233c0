// The Content-Security-Policy of the dashboard's pages, built per request by the proxy (proxy.ts).
// Choice (Next.js 16 guide "Content Security Policy", nonce section):
// - script-src: a fresh nonce per request plus 'strict-dynamic'. Next.js reads the nonce from
//   this header on the request and puts it on its own inline bootstrap scripts and chunks; the
//   chunks they load are trusted through 'strict-dynamic'. The one inline script of our own (the
//   theme boot script in app/layout.tsx, which must run before first paint) is allowed by its
//   SHA-256 hash instead, so the layout needs no nonce plumbing. No 'unsafe-inline' and, outside
//   `next dev`, no 'unsafe-eval' (React uses eval only in development).
//   Every page is rendered per request already (they read the cluster), which nonces require.
//   Limit: the two pages Next.js prerenders at build time (the default 404 and global-error
//   pages) carry no nonce, so their scripts are blocked; they still render as plain HTML.
// - style-src 'self' 'unsafe-inline': React Flow positions nodes with inline style attributes
//   and Next.js inlines some styles; styles cannot run code.
// - No upgrade-insecure-requests: the dashboard is normally reached over plain http
//   (kubectl port-forward to localhost), where upgrading would break every request.

import { createHash, randomBytes } from 'node:crypto';

export interface CspOptions {
  nonce: string;
  /** `next dev`: React needs eval for its error overlays. */
  dev: boolean;
  /** Exact texts of inline scripts allowed by hash. */
  inlineScripts?: readonly string[];
}

/** 128 random bits, base64: unguessable and unique per request. */
export function newNonce(random: (n: number) => Buffer = randomBytes): string {
  return random(16).toString('base64');
}

export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(o: CspOptions): string {
  const script = [`'self'`, `'nonce-${o.nonce}'`, `'strict-dynamic'`, ...(o.inlineScripts ?? []).map(scriptHash)];
  if (o.dev) script.push(`'unsafe-eval'`);
  const directives: Array<[string, string[]]> = [
    ['default-src', [`'self'`]],
    ['script-src', script],
    ['style-src', [`'self'`, `'unsafe-inline'`]],
    ['img-src', [`'self'`, 'data:', 'blob:']],
    ['font-src', [`'self'`, 'data:']],
    ['connect-src', [`'self'`]],
    ['object-src', [`'none'`]],
    ['base-uri', [`'none'`]],
    ['form-action', [`'self'`]],
    ['frame-ancestors', [`'none'`]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/**
 * Headers every response gets: next.config.js sets them for all routes (it keeps its own copy,
 * plain JS; csp.test.ts checks the two agree) and the proxy repeats them on the answers it makes
 * itself. The CSP is per request and not among them.
 */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];
