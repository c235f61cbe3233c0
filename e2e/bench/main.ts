// `npm run bench` (quick, under 5 minutes) and `npm run bench -- --full`: the performance bench
// of the whole product. Starts the embedded cluster in this process, the production build's
// standalone server as a child (build folder: STS_NEXT_DIST_DIR, default .next), and a headless
// Chromium; runs the scenarios (1 latency, 2 fan-out, 3 large set, 4 bundle, 5 embedded
// cluster); writes bench-results/bench.json and bench-results/bench.md; a standard quick run
// also refreshes the README's performance section. Exits non-zero when a scenario failed or
// measured nothing (the report then lists the error instead of zeros).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from '@playwright/test';
import { parseFlags, usage, UsageError, type FlagSpec } from '../../lib/sim/cli-args.ts';
import { hasKubectl } from '../tools/instance.ts';
import { startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import { launchBrowser } from './browser-probes.ts';
import { prepareBuild, ROOT, startDashboard, type DashboardServer } from './dashboard-server.ts';
import { load, machine } from './machine.ts';
import { PLANS, SCENARIOS, type Plan, type ScenarioName } from './plan.ts';
import { buildReport, renderMarkdown, replacePerfSection, type Scenarios } from './report.ts';
import { runCluster } from './scenario-cluster.ts';
import { runFanout } from './scenario-fanout.ts';
import { runLarge } from './scenario-large.ts';
import { runLatency } from './scenario-latency.ts';
import { BenchError, round } from './stats.ts';

const FLAGS: FlagSpec = {
  full: { type: 'boolean', help: 'the full run (more changes, longer storms, repeated loads); default is the quick run' },
  only: { type: 'string', help: `comma-separated scenarios to run: ${SCENARIOS.join(',')} (default all)` },
  replicas: { type: 'number', help: 'replicas of the large set in scenarios 3 and 5 (default 1000)' },
  profile: { type: 'boolean', help: 'write CPU profiles of the dashboard server and of the page (large set: a reload, the storm) to bench-results/profiles/' },
  'no-build': { type: 'boolean', help: 'do not (re)build the dashboard even if sources changed' },
  'no-readme': { type: 'boolean', help: 'do not update the README performance section' },
  help: { type: 'boolean', help: 'show this help' },
};
const USAGE = 'Usage: npm run bench -- [flags]';

interface Env { bc: BenchCluster; dash: DashboardServer; browser: Browser }

function options() {
  try {
    const f = parseFlags(process.argv.slice(2), FLAGS);
    const only = f.only === undefined ? [...SCENARIOS] : String(f.only).split(',').map((s) => s.trim());
    for (const s of only) if (!SCENARIOS.includes(s as ScenarioName)) throw new UsageError(`unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
    if (f.replicas !== undefined && (f.replicas as number) < 1) throw new UsageError('--replicas must be at least 1');
    return {
      help: Boolean(f.help), full: Boolean(f.full), only: only as ScenarioName[], noBuild: Boolean(f['no-build']), noReadme: Boolean(f['no-readme']),
      replicas: f.replicas as number | undefined, profile: Boolean(f.profile),
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\n\n${usage(USAGE, FLAGS)}`);
    process.exit(2);
  }
}

async function runScenarios(env: Env, plan: Plan, only: ScenarioName[], errors: string[]): Promise<Scenarios> {
  const s: Scenarios = {};
  const attempt = async (name: ScenarioName, fn: () => Promise<void>) => {
    if (!only.includes(name)) return;
    const t0 = Date.now();
    console.error(`[bench] scenario ${name}…`);
    try {
      await fn();
      console.error(`[bench] scenario ${name} done in ${round((Date.now() - t0) / 1000)} s`);
    } catch (e) {
      const msg = `${name}: ${e instanceof BenchError ? e.message : ((e as Error).stack ?? String(e))}`;
      console.error(`[bench] FAILED ${msg}`);
      errors.push(msg);
    }
  };
  await attempt('latency', async () => {
    if (!hasKubectl()) throw new BenchError('kubectl is not installed: the latency scenario compares the dashboard with `kubectl get pods -w`');
    const r = await runLatency(env.bc, env.dash, env.browser, plan.latency);
    s.latency = r.latency;
    s.bundle = r.bundle;
  });
  await attempt('fanout', async () => { s.fanout = await runFanout(env.bc, env.dash, plan.fanout); });
  await attempt('large', async () => { s.large = await runLarge(env.bc, env.dash, env.browser, plan.large); });
  await attempt('cluster', async () => { s.cluster = await runCluster(env.bc, plan.cluster); });
  return s;
}

function withOverrides(plan: Plan, replicas: number | undefined, profileDir: string | undefined): Plan {
  return {
    ...plan,
    latency: { ...plan.latency, profileDir },
    large: { ...plan.large, replicas: replicas ?? plan.large.replicas, profileDir },
    cluster: { ...plan.cluster, replicas: replicas ?? plan.cluster.replicas, listPods: replicas ?? plan.cluster.listPods },
  };
}

function perfSection(md: string): string {
  return [
    '## Performance',
    '',
    'Measured by `npm run bench` (quick mode; `npm run bench -- --full` repeats more). It starts the embedded',
    'cluster, the production build and a headless Chromium, then drives status changes through the cluster and',
    'times them end to end (see `e2e/bench/`). Figures from a shared, busy machine are noisy: the load average is',
    'part of the record. Latest quick run:',
    '',
    md,
  ].join('\n');
}

function write(report: ReturnType<typeof buildReport>, md: string, updateReadme: boolean): void {
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'bench.md'), `# sts-topology bench\n\n${md}`);
  console.log(`\nwrote ${relative(process.cwd(), join(dir, 'bench.json'))} and bench.md`);
  if (!updateReadme) return;
  const path = join(ROOT, 'README.md');
  writeFileSync(path, replacePerfSection(readFileSync(path, 'utf8'), perfSection(md)));
  console.log('updated the performance section of README.md');
}

async function main(): Promise<number> {
  const o = options();
  if (o.help) { console.log(usage(USAGE, FLAGS)); return 0; }
  const mode = o.full ? 'full' : 'quick';
  const profiles = join(ROOT, 'bench-results', 'profiles');
  const plan = withOverrides(PLANS[mode], o.replicas, o.profile ? profiles : undefined);
  if (o.profile) mkdirSync(profiles, { recursive: true });
  await prepareBuild(o.noBuild);
  const loadStart = load();
  const t0 = Date.now();
  const errors: string[] = [];
  const bc = await startBenchCluster();
  let dash: DashboardServer | undefined;
  let browser: Browser | undefined;
  let scenarios: Scenarios = {};
  let chromium = 'unknown';
  try {
    dash = await startDashboard(bc.kubeconfig, { cpuProfDir: o.profile ? profiles : undefined, inspect: true });
    browser = await launchBrowser();
    chromium = browser.version();
    scenarios = await runScenarios({ bc, dash, browser }, plan, o.only, errors);
  } finally {
    await browser?.close();
    await dash?.stop();
    await bc.stop();
  }
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const report = buildReport({
    date: new Date().toISOString(), mode, command, durationS: Math.round((Date.now() - t0) / 1000),
    machine: machine(chromium, loadStart), scenarios,
  });
  const md = renderMarkdown(report) + (errors.length ? `\n**Failed:**\n${errors.map((e) => `- ${e.split('\n')[0]}`).join('\n')}\n` : '');
  console.log(`\n${md}`);
  // The README shows the latest standard quick run (every scenario, default sizes), failures included.
  const standard = mode === 'quick' && o.only.length === SCENARIOS.length && o.replicas === undefined && !o.profile;
  write({ ...report, ...(errors.length ? { errors } : {}) }, md, standard && !o.noReadme);
  return errors.length === 0 ? 0 : 1;
}

process.exit(await main().catch((e) => {
  console.error(`bench failed: ${e instanceof BenchError ? e.message : ((e as Error).stack ?? e)}`);
  return 1;
}));
