// Resident memory and CPU time of another process, read from Linux's /proc (the bench runs the
// dashboard as a child and watches it from outside, as `top` would). Limit: Linux only; on other
// systems the bench says so instead of reporting made-up numbers.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { BenchError } from './stats.ts';

let ticks: number | undefined;

function clockTicks(): number {
  if (ticks === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    ticks = Number(r.stdout?.trim()) || 100;
  }
  return ticks;
}

export function procAvailable(pid: number): boolean {
  return existsSync(`/proc/${pid}/status`);
}

/** VmRSS of the process in MiB. */
export function rssMiB(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  if (!m) throw new BenchError(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/** User + system CPU time of the process so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) may contain spaces: count fields after its closing parenthesis.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new BenchError(`cannot read CPU times from /proc/${pid}/stat`);
  return ((utime + stime) * 1000) / clockTicks();
}

export interface ProcSampler {
  /** Peak RSS (MiB) seen since start. */
  readonly peakRss: number;
  readonly samples: Array<{ t: number; rss: number }>;
  /** Stops sampling; returns CPU use over the sampled period as % of one core. */
  stop(): { cpuPercent: number; peakRssMiB: number; startRssMiB: number; endRssMiB: number; wallMs: number };
}

/** Samples RSS every intervalMs and CPU between start and stop. */
export function sampleProcess(pid: number, intervalMs = 200): ProcSampler {
  const t0 = Date.now();
  const cpu0 = cpuMs(pid);
  const samples: Array<{ t: number; rss: number }> = [{ t: t0, rss: rssMiB(pid) }];
  let peak = samples[0].rss;
  const take = () => {
    const rss = rssMiB(pid);
    samples.push({ t: Date.now(), rss });
    peak = Math.max(peak, rss);
  };
  const timer = setInterval(take, intervalMs);
  return {
    get peakRss() { return peak; },
    samples,
    stop() {
      clearInterval(timer);
      take();
      const wallMs = Date.now() - t0;
      return {
        cpuPercent: wallMs > 0 ? ((cpuMs(pid) - cpu0) / wallMs) * 100 : 0,
        peakRssMiB: peak,
        startRssMiB: samples[0].rss,
        endRssMiB: samples[samples.length - 1].rss,
        wallMs,
      };
    },
  };
}
