// Runs before `npm start`, `npm test` and `npm run cluster` (as their "pre" script), on whatever
// Node is first on PATH, which on a fresh machine may be an old one: so this file is plain
// CommonJS with no dependencies. It installs the locked dependencies when they are missing or
// older than package-lock.json. The dependencies include Node 24 itself (the `node` package), which
// npm then puts first on PATH for every script, so the project runs on Node 24 wherever it is.
'use strict';
const { existsSync, statSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');

function upToDate() {
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

// `npm install`, not `npm ci`: both install the locked versions, but `npm ci` refuses a lockfile
// that lacks an optional per-platform binary (npm leaves one out when the registry it was written
// against does not serve that platform's build), while `npm install` just skips it.
if (!upToDate()) {
  console.log('[setup] installing dependencies (npm install, locked versions)…');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('[setup] npm install failed; see the output above.');
    process.exit(r.status || 1);
  }
}
