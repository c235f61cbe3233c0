import { describe, expect, it } from 'vitest';
import { buildReport, evaluateTargets, PERF_END, PERF_START, renderMarkdown, replacePerfSection, type Machine } from './report.ts';
import type { LargeResult } from './scenario-large.ts';
import type { LatencyResult } from './scenario-latency.ts';
import { BenchError, summarize } from './stats.ts';

const machine: Machine = {
  cpuModel: 'cpu', cores: 2, totalMemoryGiB: 8, os: 'linux', node: 'v24', chromium: '140', kubectl: 'v1.32',
  next: '16', react: '19', clientNode: '2.0.1', loadAvgStart: [1, 1, 1], loadAvgEnd: [2, 2, 2],
};
const base = { date: '2026-01-01T00:00:00Z', mode: 'quick' as const, command: 'npm run bench', durationS: 1, machine };

function latency(dashboard: number[], kubectl: number[]): LatencyResult {
  const d = summarize(dashboard, 'd');
  const k = summarize(kubectl, 'k');
  return {
    changes: dashboard.length, ratePerSec: 20, achievedRatePerSec: 20, pods: 10,
    dashboard: { ...d, missed: 0 }, kubectl: { ...k, missed: 0 }, clientNode: { ...k, missed: 0 }, sse: d,
    perChange: [],
    dashboardMinusKubectl: summarize(dashboard.map((x, i) => x - kubectl[i]), 'diff'), p50GapMs: d.p50 - k.p50,
  };
}

describe('bench report', () => {
  it('throws when no scenario measured anything', () => {
    expect(() => buildReport({ ...base, scenarios: {} })).toThrow(BenchError);
  });

  it('judges targets: p99 over 100 ms fails, a p50 gap within 30 ms passes', () => {
    const t = evaluateTargets({ latency: latency([10, 20, 150], [5, 10, 12]) });
    expect(t.find((x) => x.id === 'latency-p99')?.met).toBe(false);
    expect(t.find((x) => x.id === 'latency-vs-kubectl')?.met).toBe(true);
  });

  it('a storm without a task over 50 ms reads "none over 50 ms", not a longest task of 0 ms', () => {
    const large = (longTasks: number, longestTaskMs: number) => ({
      replicas: 1000, snapshotBytes: 1_000_000, fullGraphMs: summarize([1500], 'load'),
      storm: { ratePerSec: 200, longTasks, longTasksOver100ms: longestTaskMs > 100 ? 1 : 0, longestTaskMs },
    }) as unknown as LargeResult;
    const quiet = evaluateTargets({ large: large(0, 0) }).find((x) => x.id === 'large-long-task');
    expect(quiet).toMatchObject({ value: 'none over 50 ms', met: true });
    const slow = evaluateTargets({ large: large(2, 152) }).find((x) => x.id === 'large-long-task');
    expect(slow).toMatchObject({ value: '152 ms', met: false });
  });

  it('renders the machine, the command and each target in Markdown', () => {
    const md = renderMarkdown(buildReport({ ...base, scenarios: { latency: latency([10, 20, 30], [5, 10, 12]) } }));
    expect(md).toContain('`npm run bench`');
    expect(md).toContain('load average 1 / 1 / 1');
    expect(md).toMatch(/\| event → DOM p99 \| ≤ 100 ms \| 30 ms \| yes \|/);
  });

  it('replaces only the marked README section, or appends it', () => {
    const once = replacePerfSection('# Title\n\nintro\n', '## Performance\nA');
    expect(once).toBe(`# Title\n\nintro\n\n${PERF_START}\n## Performance\nA\n${PERF_END}\n`);
    const twice = replacePerfSection(`${once}\n## Later section\n`, '## Performance\nB');
    expect(twice).toContain('## Performance\nB');
    expect(twice).not.toContain('\nA\n');
    expect(twice).toContain('## Later section');
  });
});
