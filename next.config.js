// @ts-check

// Sent with every response (issue 7). The same list is lib/http/csp.ts SECURITY_HEADERS (the proxy
// adds it to the answers it makes itself); lib/http/csp.test.ts checks that the two agree. The
// Content-Security-Policy is per request (it carries a nonce) and comes from proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The image (issue 7) ships .next/standalone/server.js.
  output: 'standalone',
  // client-node is ESM-only with native-ish deps (undici, ws): keep it out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  // No gzip in the Node process. The dashboard is read over loopback or kubectl port-forward, where
  // compressing saves nothing; gzipping the page's 730 kB of scripts on every first visit took
  // 60-150 ms of CPU on the same two cores the browser draws with, and a 1,000-pod set's first draw
  // was 100-350 ms slower for it in alternating runs (README, Performance). Its largest payload, the SSE snapshot, is
  // never compressed (a stream). Behind a reverse proxy or ingress, let the proxy compress.
  compress: false,
  // `npm test` type-checks the whole project with `tsc --noEmit` as its own step; the build
  // does not repeat it (it would add ~20 s to every build on a 2-core machine).
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Dev builds go to their own folder so `next dev` never clobbers a production build.
  distDir: process.env.STS_NEXT_DIST_DIR || '.next',
  // Profiling only (`STS_NO_MINIFY=1 STS_NEXT_DIST_DIR=.next-prof npm run bench -- --profile`):
  // readable function names in the page's CPU profiles.
  ...(process.env.STS_NO_MINIFY ? { experimental: { turbopackMinify: false } } : {}),
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
