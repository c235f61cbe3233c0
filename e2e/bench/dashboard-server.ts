// The dashboard's production server as `npm start` runs it (the standalone server.js of the
// build in STS_NEXT_DIST_DIR, default .next), started as a child process pointed at the bench's
// cluster through a kubeconfig. The child's pid is the Node server itself, so /proc tells its
// memory and CPU.

import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuild, standaloneDir } from '../../lib/launcher/build.ts';
import { startChild, waitForHttp } from '../../lib/launcher/processes.ts';
import { freePort } from '../tools/instance.ts';
import { BenchError } from './stats.ts';
import { SERVER_NODE_FLAGS } from '../../lib/launcher/server-flags.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface DashboardServer {
  url: string;
  pid: number;
  /** The V8 inspector's ws:// address on loopback (heap-probe.ts), when started with `inspect`. */
  inspectorUrl: string | null;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Builds (unless noBuild or already fresh) and lays out the standalone server. */
export async function prepareBuild(noBuild: boolean): Promise<void> {
  if (!noBuild) await ensureBuild(ROOT);
  if (!existsSync(join(standaloneDir(ROOT), 'server.js'))) {
    throw new BenchError(`no production build at ${standaloneDir(ROOT)}: run without --no-build (or set STS_NEXT_DIST_DIR to a built folder)`);
  }
}

/**
 * cpuProfDir: run the server under `node --cpu-prof` (the profile is written when it exits).
 * inspect: open the V8 inspector on a free loopback port (costs nothing until a client attaches).
 */
export async function startDashboard(kubeconfig: string, opts: { quiet?: boolean; cpuProfDir?: string; inspect?: boolean } = {}): Promise<DashboardServer> {
  const port = await freePort();
  const dir = standaloneDir(ROOT);
  const env: NodeJS.ProcessEnv = {
    ...process.env, STS_KUBECONFIG: kubeconfig, STS_EMBEDDED: '1', PORT: String(port), HOSTNAME: '127.0.0.1',
    NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', STS_LOG_LEVEL: opts.quiet === false ? 'info' : 'warn',
  };
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const inspect = opts.inspect ? ['--inspect=127.0.0.1:0'] : [];
  const { child, lines } = startChild(process.execPath, [...SERVER_NODE_FLAGS, ...prof, ...inspect, join(dir, 'server.js')], 'dashboard', { env, cwd: dir });
  const exited = new Promise<never>((_, rej) => child.once('exit', (code) => rej(new BenchError(`the dashboard server exited (${code})`))));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHttp(`${url}/api/healthz`, 60_000), exited]);
  exited.catch(() => {});
  const inspectorUrl = opts.inspect ? (await lines.waitFor(/Debugger listening on (ws:\/\/\S+)/, 10_000))[1] : null;
  return {
    url,
    pid: child.pid!,
    inspectorUrl,
    child,
    stop: () => new Promise<void>((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
      setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 5_000).unref();
    }),
  };
}
