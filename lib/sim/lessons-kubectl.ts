// Test support for the workshop lesson sessions (lessons-*.test.ts): an embedded cluster in this
// process plus kubectl run as a learner would, and `kubectl get -w` output parsed into rows.
//
// Contracts:
// - kubectl is always spawned asynchronously: the API server answers from this process's event
//   loop, so a blocking spawnSync would deadlock.
// - Every session has its own HOME (kubectl's discovery cache) and kubeconfig in a temp dir.
// - watch() resolves once kubectl's watch request was answered (seen through `-v=6` request
//   logging), so no later change is missed. Rows keep kubectl's print order, which is the order
//   of the API server's watch events.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from './cluster.ts';
import type { Speed } from './controllers/all.ts';

export const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (!HAS_KUBECTL) console.warn('kubectl not found on PATH: skipping the workshop lesson sessions (install kubectl to run them)');

export const WEB_YAML = resolve(import.meta.dirname, 'testdata/web.yaml');

export interface KubectlResult {
  code: number;
  out: string;
  err: string;
}

/** One printed row of `kubectl get pods -w` (with `--output-watch-events`, `event` is set). */
export interface WatchRow {
  event?: string;
  name: string;
  ready: string;
  status: string;
}

export interface Watch {
  /** Every printed data row so far, in print order (the header is left out). */
  rows(): WatchRow[];
  text(): string;
  /** Polls until `done(rows)` holds; on timeout throws with everything kubectl printed. */
  until(done: (rows: WatchRow[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export interface LessonSession {
  cluster: EmbeddedCluster;
  kubectl(...args: string[]): Promise<KubectlResult>;
  /** Runs kubectl and returns stdout; throws with stderr if it exits non-zero. */
  ok(...args: string[]): Promise<string>;
  watch(...args: string[]): Promise<Watch>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits a table row on runs of spaces; the first columns never contain spaces. */
export function parseRow(line: string, withEvent: boolean): WatchRow | undefined {
  const f = line.trim().split(/\s+/);
  if (f.length < 3 || f[0] === 'NAME' || f[0] === 'EVENT') return undefined;
  if (withEvent) return { event: f[0], name: f[1], ready: f[2], status: f[3] };
  return { name: f[0], ready: f[1], status: f[2] };
}

/** The first index at or after `from` whose row matches, or -1. */
export function indexOf(rows: readonly WatchRow[], pred: (r: WatchRow) => boolean, from = 0): number {
  for (let i = from; i < rows.length; i++) if (pred(rows[i])) return i;
  return -1;
}

/** Drops consecutive repeats: kubectl prints a row per watch event, also when the columns did not change. */
export function fold(steps: readonly string[]): string[] {
  return steps.filter((s, i) => i === 0 || steps[i - 1] !== s);
}

/**
 * What a learner sees a new pod go through on a real cluster, the nginx container having no
 * readinessProbe (StatefulSet Basics tutorial): Pending (created, then scheduled),
 * ContainerCreating, 1/1 Running.
 */
export const LIFECYCLE = ['0/1 Pending', '0/1 ContainerCreating', '1/1 Running'];

/**
 * A pod's path as compared with LIFECYCLE. The embedded kubelet shows `0/1 Running` for a while
 * before `1/1 Running` (its readiness delay, statefulset-semantics.md §9 step 4); a real kubelet
 * marks a container without readinessProbe ready as soon as it runs, so that step is dropped
 * here rather than asserted.
 */
export function lifecycleOf(rows: readonly WatchRow[], name: string): string[] {
  return fold(pathOf(rows, name).filter((step) => step !== '0/1 Running'));
}

/** The READY/STATUS path of one pod, e.g. ["0/1 Pending", "0/1 ContainerCreating", ...]. */
export function pathOf(rows: readonly WatchRow[], name: string): string[] {
  return fold(rows.filter((r) => r.name === name).map((r) => `${r.ready} ${r.status}`));
}

/** Parses a kubectl table (header + rows) into objects keyed by upper-case column names. */
export function parseTable(text: string): Array<Record<string, string>> {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines.length) return [];
  const header = lines[0];
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    starts.forEach((c, i) => { row[c.name] = line.slice(c.at, starts[i + 1]?.at ?? line.length).trim(); });
    return row;
  });
}

function startWatch(kubeconfig: string, home: string, args: string[]): Promise<Watch> {
  const withEvent = args.includes('--output-watch-events');
  const child: ChildProcess = spawn('kubectl', ['--kubeconfig', kubeconfig, '-v=6', ...args], { env: { ...process.env, HOME: home } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const rows = () => out.split('\n').slice(0, -1).map((l) => parseRow(l, withEvent)).filter((r): r is WatchRow => !!r);
  const describe = () => `kubectl ${args.join(' ')} printed:\n${out}\nstderr (last lines):\n${err.split('\n').slice(-5).join('\n')}`;
  const watch: Watch = {
    rows,
    text: () => out,
    async until(done, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(rows())) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`timed out waiting for ${what}; ${describe()}`);
        await sleep(30);
      }
    },
    stop: () => { child.kill(); },
  };
  return (async () => {
    const deadline = Date.now() + 15_000;
    while (!/watch=true\S* 200 OK/.test(err)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`the watch did not start; ${describe()}`);
      }
      await sleep(20);
    }
    return watch;
  })();
}

/** Starts an embedded cluster (real clock, `empty` unless told) and a kubectl environment for it. */
export async function startLessonSession(opts: { speed: Speed; empty?: boolean }): Promise<LessonSession> {
  const home = mkdtempSync(join(tmpdir(), 'sts-lessons-'));
  const kubeconfig = join(home, 'kubeconfig');
  const cluster = await startEmbeddedCluster({ empty: opts.empty ?? true, speed: opts.speed, kubeconfigPath: kubeconfig });
  const watches: Watch[] = [];
  const kubectl = (...args: string[]) => new Promise<KubectlResult>((res) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: { ...process.env, HOME: home } });
    child.stdin.end();
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => child.kill(), 30_000);
    child.on('close', (code) => { clearTimeout(t); res({ code: code ?? 1, out, err }); });
  });
  return {
    cluster,
    kubectl,
    async ok(...args) {
      const r = await kubectl(...args);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.err}${r.out}`);
      return r.out;
    },
    async watch(...args) {
      const w = await startWatch(kubeconfig, home, args);
      watches.push(w);
      return w;
    },
    async close() {
      for (const w of watches) w.stop();
      await cluster.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The lessons' common start: `kubectl create -f web.yaml`, then `kubectl rollout status` until 2/2. */
export async function createWeb(s: LessonSession): Promise<void> {
  await s.ok('create', '-f', WEB_YAML);
  await s.ok('rollout', 'status', 'sts/web', '--timeout=30s');
}

/** NAME -> value of one column, from a kubectl table. */
export function column(text: string, name: string): Record<string, string> {
  return Object.fromEntries(parseTable(text).map((r) => [r.NAME, r[name]]));
}
