// Starts the dashboard exactly as the container image does (Dockerfile CMD): `node <flags> server.js` in
// .next/standalone with PORT and HOSTNAME=0.0.0.0, configured by environment variables only.
// The build must exist and be laid out (npm run test:e2e makes sure of it: ensureBuild).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './instance.ts';
import { SERVER_NODE_FLAGS } from '../../lib/launcher/server-flags.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
// STS_E2E_DIST_DIR: a build made with STS_NEXT_DIST_DIR=<dir> (laid out the same way), so a
// developer can test a build of their own without touching .next.
const DIST = process.env.STS_E2E_DIST_DIR || '.next';
const STANDALONE = join(ROOT, DIST, 'standalone');

export interface Standalone {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  child: ChildProcess;
  /** Every line the server printed (stdout and stderr). */
  output: string[];
  /** The JSON log lines, parsed. */
  logs(): Array<Record<string, unknown>>;
  /** Sends a signal and resolves with the exit code and how long the exit took (ms). */
  signal(sig: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  stop(): Promise<void>;
}

export async function startStandalone(env: Record<string, string>): Promise<Standalone> {
  if (!existsSync(join(STANDALONE, 'server.js'))) throw new Error('no standalone build: run `npm run build` (npm run test:e2e builds it)');
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server.js'], {
    cwd: STANDALONE,
    // Only what the image sets plus the test's variables: nothing leaks in from the test runner.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOSTNAME: '0.0.0.0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => output.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited (${child.exitCode}):\n${output.join('\n')}`);
    try {
      if ((await fetch(`${url}/api/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server.js did not answer /api/healthz in 60 s:\n${output.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const signal = (sig: NodeJS.Signals) => new Promise<{ code: number | null; ms: number }>((res) => {
    const t0 = Date.now();
    if (child.exitCode !== null) return res({ code: child.exitCode, ms: 0 });
    child.once('exit', (code) => res({ code, ms: Date.now() - t0 }));
    child.kill(sig);
  });
  return {
    url,
    port,
    child,
    output,
    logs: () => output.flatMap((l) => {
      try {
        const o = JSON.parse(l) as unknown;
        return o && typeof o === 'object' ? [o as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    }),
    signal,
    stop: async () => {
      if (child.exitCode !== null) return;
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await signal('SIGTERM');
      clearTimeout(t);
    },
  };
}
