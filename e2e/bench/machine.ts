// What the figures were measured on: hardware, OS, load, and the versions of everything in the
// path (Node, Chromium, kubectl, Next.js, React, client-node).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './dashboard-server.ts';
import type { Machine } from './report.ts';
import { round } from './stats.ts';

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function kubectlVersion(): string {
  const r = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  try {
    return (JSON.parse(r.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
  } catch {
    return 'not found';
  }
}

export const load = (): number[] => loadavg().map((n) => round(n, 2));

export function machine(chromium: string, loadAvgStart: number[]): Machine {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    totalMemoryGiB: round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    kubectl: kubectlVersion(),
    next: packageVersion('next'),
    react: packageVersion('react'),
    clientNode: packageVersion('@kubernetes/client-node'),
    loadAvgStart,
    loadAvgEnd: load(),
  };
}
