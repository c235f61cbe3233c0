// Issue 4: the same server started with --kubeconfig works against any Kubernetes API. No other
// cluster runs here, so the "real" cluster is the embedded one started on its own (`npm run
// cluster`), reached only through the kubeconfig file — the dashboard has no idea what it is.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { startInstance, type Instance } from './tools/instance.ts';

const ROOT = resolve(import.meta.dirname, '..');
let cluster: ChildProcess;
let inst: Instance;

test.beforeAll(async () => {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sts-real-')), 'config');
  cluster = spawn(process.execPath, [join(ROOT, 'lib/sim/main.ts'), '--kubeconfig', kubeconfig, '--speed', '10', '--ephemeral'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((res) => createInterface({ input: cluster.stdout! }).on('line', (l) => { if (l.startsWith('kubeconfig:')) res(); }));
  inst = await startInstance(['--kubeconfig', kubeconfig]);
});
test.afterAll(async () => { await inst?.stop(); cluster?.kill(); });

test('started with --kubeconfig, the dashboard shows that cluster and starts no embedded one', async ({ page }) => {
  expect(inst.output.some((l) => l.startsWith('[cluster]'))).toBe(false);
  expect(inst.output.some((l) => l.startsWith('cluster: kubeconfig'))).toBe(true);
  await page.goto(inst.url);
  await expect(page.locator('.react-flow__node[data-id="Pod/default/web-1"]')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
});
