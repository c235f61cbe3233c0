// Finds a Chromium for Playwright: an explicit path (STS_CHROMIUM or
// PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH), Playwright's own download, or a system Chromium/Chrome.
// On a Debian-like machine where we run as root and find none, installs Debian's `chromium`
// package; otherwise says exactly what to install.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export function findChromium(): string | undefined {
  for (const v of [process.env.STS_CHROMIUM, process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH]) if (v && existsSync(v)) return v;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright's own browser is not installed.
  }
  return SYSTEM.find((p) => existsSync(p));
}

function canApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (canApt()) {
    console.log('[setup] no Chromium found: installing Debian\'s chromium package (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    const after = findChromium();
    if (r.status === 0 && after) return after;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one of:\n' +
    '  - Playwright\'s browser:  npx playwright install chromium\n' +
    '  - Debian/Ubuntu:          sudo apt-get install chromium\n' +
    '  - or point STS_CHROMIUM at a Chromium/Chrome executable.',
  );
}
