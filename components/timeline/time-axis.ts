// Ticks of the swimlane chart's time axis: round steps (100 ms ... 1 h) far enough apart to label.
// Pure; times in epoch ms of whichever clock the caller labels with.

const STEPS_MS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

export interface Tick {
  at: number;
  label: string;
}

/** The smallest round step that keeps ticks at least `minGapPx` apart on `widthPx` for [start, end]. */
export function tickStep(start: number, end: number, widthPx: number, minGapPx: number): number {
  const span = Math.max(1, end - start);
  const wanted = (span * minGapPx) / Math.max(1, widthPx);
  return STEPS_MS.find((s) => s >= wanted) ?? STEPS_MS[STEPS_MS.length - 1];
}

/** Ticks at multiples of the step (local time), labelled hh:mm:ss, with tenths when the step is below 1 s. */
export function timeTicks(start: number, end: number, widthPx: number, minGapPx = 90): Tick[] {
  const step = tickStep(start, end, widthPx, minGapPx);
  // Local-time multiples: a 1 min step ticks at :00 seconds in the viewer's zone.
  const zone = new Date(start).getTimezoneOffset() * 60_000;
  const first = Math.ceil((start - zone) / step) * step + zone;
  const ticks: Tick[] = [];
  for (let t = first; t <= end; t += step) ticks.push({ at: t, label: tickLabel(t, step) });
  return ticks;
}

function tickLabel(t: number, step: number): string {
  const d = new Date(t);
  const two = (n: number) => String(n).padStart(2, '0');
  const base = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return step < 1000 ? `${base}.${Math.floor(d.getMilliseconds() / 100)}` : base;
}
