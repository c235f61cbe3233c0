// `npm test`: every check, in order: lint, type check, unit and integration tests (Vitest, kubectl
// sessions included), then the browser tests (Playwright against the production build). Ends with
// one plain line "N passed, N failed" (CI reads it), counting every test case plus lint and the
// type check as one case each. Exits non-zero if anything failed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runPlaywright } from './run-playwright.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

interface Tally { passed: number; failed: number; skipped: number }
const total: Tally = { passed: 0, failed: 0, skipped: 0 };

function step(title: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  return r.status === 0;
}

function countVitest(file: string): Tally | undefined {
  if (!existsSync(file)) return undefined;
  const j = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
}

interface PwSuite { specs?: Array<{ tests: Array<{ status: string }> }>; suites?: PwSuite[] }

function countPlaywright(file: string): Tally | undefined {
  if (!existsSync(file)) return undefined;
  const j = JSON.parse(readFileSync(file, 'utf8')) as { suites: PwSuite[]; errors?: unknown[] };
  const t: Tally = { passed: 0, failed: (j.errors ?? []).length, skipped: 0 };
  const walk = (s: PwSuite) => {
    for (const spec of s.specs ?? []) for (const test of spec.tests) {
      if (test.status === 'expected' || test.status === 'flaky') t.passed++;
      else if (test.status === 'skipped') t.skipped++;
      else t.failed++;
    }
    (s.suites ?? []).forEach(walk);
  };
  j.suites.forEach(walk);
  return t;
}

function add(label: string, t: Tally | undefined, exitOk: boolean): void {
  if (!t) {
    console.log(`${label}: no results recorded`);
    total.failed++;
    return;
  }
  // A runner that failed without a failing test (a crash, an error outside tests) still fails.
  if (!exitOk && t.failed === 0) t.failed = 1;
  console.log(`${label}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
}

async function main(): Promise<number> {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const lint = step('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
  const types = step('type check (tsc)', bin('tsc'), ['--noEmit', '-p', '.']);
  const unitOk = step('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(RESULTS, 'vitest.json')}`]);
  console.log('\n=== browser tests (playwright) ===');
  const e2eOk = (await runPlaywright()) === 0;

  console.log('\n=== summary ===');
  add('lint', { passed: lint ? 1 : 0, failed: lint ? 0 : 1, skipped: 0 }, lint);
  add('type check', { passed: types ? 1 : 0, failed: types ? 0 : 1, skipped: 0 }, types);
  add('vitest', countVitest(join(RESULTS, 'vitest.json')), unitOk);
  add('playwright', countPlaywright(join(RESULTS, 'playwright.json')), e2eOk);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 ? 0 : 1;
}

process.exit(await main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  return 1;
}));
