// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The image (issue 7) ships .next/standalone/server.js.
  output: 'standalone',
  // client-node is ESM-only with native-ish deps (undici, ws): keep it out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project with `tsc --noEmit` as its own step; the build
  // does not repeat it (it would add ~20 s to every build on a 2-core machine).
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Dev builds go to their own folder so `next dev` never clobbers a production build.
  distDir: process.env.STS_NEXT_DIST_DIR || '.next',
};

export default nextConfig;
