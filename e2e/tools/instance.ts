// Starts the product as a user would (`node lib/launcher/start.ts`, i.e. `npm start`), on free
// ports with its own state directory, and hands tests the dashboard URL, the kubeconfig and a
// kubectl runner. Used by Playwright specs and by integration tests.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface Instance {
  url: string;
  kubeconfig: string;
  kubectl(args: string[], input?: string): { code: number; stdout: string; stderr: string };
  stop(): Promise<void>;
  output: string[];
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export function hasKubectl(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

export function kubectlWith(kubeconfig: string) {
  return (args: string[], input?: string) => {
    const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, ...args], { input, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
}

export async function startInstance(flags: string[] = []): Promise<Instance> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'sts-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'lib/launcher/start.ts'), '--port', String(port), '--no-build', ...(flags.includes('--kubeconfig') ? [] : ['--ephemeral']), ...flags], {
    cwd: ROOT,
    env: { ...process.env, XDG_STATE_HOME: state },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let kubeconfig = '';
  const url = await new Promise<string>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`the dashboard did not start in 90 s:\n${output.join('\n')}`)), 90_000);
    const onLine = (l: string) => {
      output.push(l);
      const k = /^kubeconfig: (.+)$/.exec(l.replace(/^\[cluster\] /, ''));
      if (k) kubeconfig = k[1];
      const d = /^dashboard: (\S+)$/.exec(l);
      if (d) { clearTimeout(t); res(d[1]); }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => { clearTimeout(t); rej(new Error(`the launcher exited (${code}):\n${output.join('\n')}`)); });
  });
  return {
    url,
    kubeconfig,
    output,
    kubectl: kubectlWith(kubeconfig),
    stop: () => new Promise<void>((res) => {
      if (child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
    }),
  };
}
