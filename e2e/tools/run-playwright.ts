// `npm run test:e2e`: makes sure a browser and a fresh production build exist, then runs Playwright.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureBuild } from '../../lib/launcher/build.ts';
import { ensureChromium } from './browser.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export async function runPlaywright(extra: string[] = []): Promise<number> {
  const browser = ensureChromium();
  await ensureBuild(ROOT);
  const r = spawnSync(join(ROOT, 'node_modules/.bin/playwright'), ['test', '-c', 'e2e/playwright.config.ts', ...extra], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, STS_CHROMIUM: browser },
  });
  return r.status ?? 1;
}

if (import.meta.main) process.exit(await runPlaywright(process.argv.slice(2)));
