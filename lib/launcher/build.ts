// Makes sure the production build exists and is newer than every source file; (re)builds it
// otherwise, then lays out the standalone folder as the container image does (static assets and
// public/ beside server.js).

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Build folder: `.next`, or STS_NEXT_DIST_DIR (next.config.js reads the same variable). */
export function distDir(): string {
  return process.env.STS_NEXT_DIST_DIR || '.next';
}

/** Where the standalone server of the current build folder lives. */
export function standaloneDir(root: string): string {
  return join(root, distDir(), 'standalone');
}

const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.js', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'sim' || entry.endsWith('.test.ts') || entry === 'testdata') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIsFresh(root: string): boolean {
  const marker = join(standaloneDir(root), 'server.js');
  const buildId = join(root, distDir(), 'BUILD_ID');
  if (!existsSync(marker) || !existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(root, s)) <= built);
}

/** Copies static assets next to the standalone server, as the Dockerfile does. */
export function layoutStandalone(root: string): void {
  cpSync(join(root, distDir(), 'static'), join(standaloneDir(root), distDir(), 'static'), { recursive: true });
  if (existsSync(join(root, 'public'))) cpSync(join(root, 'public'), join(standaloneDir(root), 'public'), { recursive: true });
}

export async function ensureBuild(root: string): Promise<void> {
  if (buildIsFresh(root)) {
    // A build made by a plain `next build` (npm run build) has no static assets beside the
    // standalone server yet: the page would load without its scripts and styles.
    layoutStandalone(root);
    return;
  }
  console.log('building the dashboard (next build; the first build takes a minute or two)…');
  const r = spawnSync(join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed; see the output above');
  layoutStandalone(root);
}
