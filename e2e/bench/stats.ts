// Statistics for the bench: nearest-rank percentiles and summaries that refuse to summarise
// nothing. Contract: every summary is built from at least one finite sample; an empty or
// non-finite sample set throws BenchError, so a broken measurement fails loudly instead of
// printing zeros.

export class BenchError extends Error {}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface Spread {
  n: number;
  min: number;
  median: number;
  max: number;
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new BenchError('percentile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function checked(samples: readonly number[], what: string): number[] {
  if (samples.length === 0) throw new BenchError(`${what}: nothing was measured (no samples)`);
  const bad = samples.find((s) => !Number.isFinite(s));
  if (bad !== undefined) throw new BenchError(`${what}: a sample is not a finite number (${bad})`);
  return [...samples].sort((a, b) => a - b);
}

/** p50/p95/p99 summary, rounded to `digits` decimals. */
export function summarize(samples: readonly number[], what: string, digits = 1): Summary {
  const s = checked(samples, what);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return {
    n: s.length,
    min: round(s[0], digits),
    p50: round(percentile(s, 50), digits),
    p95: round(percentile(s, 95), digits),
    p99: round(percentile(s, 99), digits),
    max: round(s[s.length - 1], digits),
    mean: round(mean, digits),
  };
}

/** min/median/max over repeated runs. */
export function spread(samples: readonly number[], what: string, digits = 1): Spread {
  const s = checked(samples, what);
  return { n: s.length, min: round(s[0], digits), median: round(percentile(s, 50), digits), max: round(s[s.length - 1], digits) };
}

/** Throws unless at least `min` things were observed (events, messages, frames...). */
export function requireCount(count: number, min: number, what: string): number {
  if (!(count >= min)) throw new BenchError(`${what}: observed ${count}, expected at least ${min}`);
  return count;
}

/**
 * Least-squares slope of y over t (units of y per unit of t). A memory trend read from its two end
 * points is mostly the phase of the garbage collector's sawtooth at those two instants; a fit
 * through every sample is not. Needs at least three points spread over time.
 */
export function slope(points: ReadonlyArray<{ t: number; y: number }>, what: string): number {
  if (points.length < 3) throw new BenchError(`${what}: a trend needs at least 3 samples, got ${points.length}`);
  if (points.some((p) => !Number.isFinite(p.t) || !Number.isFinite(p.y))) throw new BenchError(`${what}: a sample is not a finite number`);
  const mt = points.reduce((a, p) => a + p.t, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - my);
    den += (p.t - mt) ** 2;
  }
  if (den === 0) throw new BenchError(`${what}: every sample was taken at the same time`);
  return num / den;
}
