// What the soak (e2e/soak/soak.ts) measures about a process, from /proc (Linux only): resident
// memory and open file descriptors; and the arithmetic of its verdict (slopes of the first and
// last thirds of a series, new highs in the last third).

import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size in MiB (VmRSS), or NaN when the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Open file descriptors (sockets included), or NaN when the process is gone. */
export function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/** The direct children of pid with their command lines. */
export function childrenOf(pid: number): Array<{ pid: number; cmdline: string }> {
  const out: Array<{ pid: number; cmdline: string }> = [];
  let tasks: string[] = [];
  try { tasks = readdirSync(`/proc/${pid}/task`); } catch { return out; }
  for (const tid of tasks) {
    let kids = '';
    try { kids = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8'); } catch { continue; }
    for (const k of kids.trim().split(/\s+/).filter(Boolean)) {
      let cmdline = '';
      try { cmdline = readFileSync(`/proc/${k}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(); } catch { /* gone */ }
      out.push({ pid: Number(k), cmdline });
    }
  }
  return out;
}

/** Least-squares slope of y over x (units of y per unit of x); 0 for fewer than two points. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const pts = points.filter((p) => Number.isFinite(p.y));
  if (pts.length < 2) return 0;
  const mx = pts.reduce((a, p) => a + p.x, 0) / pts.length;
  const my = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  const num = pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export interface GrowthVerdict {
  firstSlope: number;
  lastSlope: number;
  /** Highest value of the last third minus the highest before it. */
  newHigh: number;
  levelledOff: boolean;
}

/**
 * Growth levelled off when the last third of the run grows at most a quarter as fast as the first
 * third or slower than `flat` (units per minute), or when it sets no new high beyond what `flat`
 * allows over its duration: garbage collection makes memory saw-tooth, so one slope alone
 * misreads a flat but noisy series; a leak does both, rises and sets new highs.
 */
export function growthVerdict(series: ReadonlyArray<{ minutes: number; value: number }>, flat: number): GrowthVerdict {
  const n = series.length;
  const third = Math.max(2, Math.floor(n / 3));
  const pts = series.map((s) => ({ x: s.minutes, y: s.value }));
  const firstSlope = slope(pts.slice(0, third));
  const lastSlope = slope(pts.slice(n - third));
  const peak = (xs: ReadonlyArray<{ y: number }>) => Math.max(...xs.map((p) => p.y).filter(Number.isFinite));
  const lastPart = pts.slice(n - third);
  const newHigh = peak(lastPart) - peak(pts.slice(0, n - third));
  const span = lastPart.length > 1 ? lastPart[lastPart.length - 1].x - lastPart[0].x : 0;
  const levelledOff = lastSlope <= flat || lastSlope <= Math.max(0, firstSlope) / 4 || newHigh <= flat * span;
  return { firstSlope, lastSlope, newHigh, levelledOff };
}
