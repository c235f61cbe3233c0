import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildIsFresh, ensureBuild } from './build.ts';

describe('ensureBuild', () => {
  let root: string;
  beforeEach(() => {
    vi.stubEnv('STS_NEXT_DIST_DIR', '');
    root = mkdtempSync(join(tmpdir(), 'sts-build-'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', 'page.tsx'), 'export default function Page() { return null; }\n');
    utimesSync(join(root, 'app', 'page.tsx'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    utimesSync(join(root, 'app'), new Date(2000, 0, 1), new Date(2000, 0, 1));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(root, { recursive: true, force: true });
  });

  it('lays out the static assets beside the standalone server of a build made by a plain next build', async () => {
    // What `npm run build` leaves: the standalone server, but no static assets beside it.
    mkdirSync(join(root, '.next', 'standalone'), { recursive: true });
    writeFileSync(join(root, '.next', 'standalone', 'server.js'), '');
    mkdirSync(join(root, '.next', 'static', 'chunks'), { recursive: true });
    writeFileSync(join(root, '.next', 'static', 'chunks', 'main.js'), 'console.log(1);');
    writeFileSync(join(root, '.next', 'BUILD_ID'), 'x');
    expect(buildIsFresh(root)).toBe(true);

    await ensureBuild(root);

    const copied = join(root, '.next', 'standalone', '.next', 'static', 'chunks', 'main.js');
    expect(existsSync(copied)).toBe(true);
    expect(readFileSync(copied, 'utf8')).toBe('console.log(1);');
  });

  it('counts a build as stale when a source is newer than it', () => {
    mkdirSync(join(root, '.next', 'standalone'), { recursive: true });
    writeFileSync(join(root, '.next', 'standalone', 'server.js'), '');
    writeFileSync(join(root, '.next', 'BUILD_ID'), 'x');
    utimesSync(join(root, '.next', 'BUILD_ID'), new Date(1999, 0, 1), new Date(1999, 0, 1));
    expect(buildIsFresh(root)).toBe(false);
  });
});
