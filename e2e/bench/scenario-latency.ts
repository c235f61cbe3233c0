// Scenarios 1 (event -> DOM latency, against kubectl and client-node on the same writes) and 4
// (first-load JavaScript of the dashboard page, measured on the same page load).

import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from '@playwright/test';
import { createSet, podNames, storm, waitAllReady, type BenchCluster, type Commit } from './bench-cluster.ts';
import { recordNodeAttributes, startJsProfile, takeNodeAttributes } from './browser-probes.ts';
import type { DashboardServer } from './dashboard-server.ts';
import { deliveryLatencies, matchDom, matchSeq, pairedDifference, patchCoverage, type Matched } from './match.ts';
import { startClientNodeWatch, startKubectlWatch, type ReferenceWatcher } from './reference-watchers.ts';
import { SseReader } from './sse-client.ts';
import { BenchError, round, summarize, type Summary } from './stats.ts';

export interface LatencyOptions {
  changes: number;
  ratePerSec: number;
  replicas: number;
  /** Write a JavaScript CPU profile of the page during the changes into this folder (--profile). */
  profileDir?: string;
}

export interface LatencyResult {
  changes: number;
  ratePerSec: number;
  achievedRatePerSec: number;
  pods: number;
  dashboard: Summary & { missed: number };
  kubectl: Summary & { missed: number };
  clientNode: Summary & { missed: number };
  /** The dashboard server's SSE stream read by a plain HTTP client: the server's share of the DOM latency. */
  sse: Summary;
  /** Per change in write order: [seq, dashboard ms, kubectl ms, SSE ms] (null: not observed). */
  perChange: Array<[number, number | null, number | null, number | null]>;
  /** Per change: dashboard latency minus kubectl latency. */
  dashboardMinusKubectl: Summary;
  p50GapMs: number;
}

export interface BundleResult {
  scripts: number;
  rawKiB: number;
  gzipBytes: number;
  gzipKiB: number;
  /** Bytes as the server sent them (its own compression, if any). */
  wireKiB: number;
  files: Array<{ path: string; rawBytes: number; gzipBytes: number }>;
}

const NS = 'bench-latency';
const NAME = 'lat';

function withMissed(m: Matched, what: string, total: number): Summary & { missed: number } {
  // A few writes may merge under load; more than 10% unseen means the measurement is broken.
  if (m.missed > total * 0.1) throw new BenchError(`${what}: ${m.missed} of ${total} changes were never observed`);
  return { ...summarize(m.latencies, what), missed: m.missed };
}

async function bundleOf(responses: Response[]): Promise<BundleResult> {
  const files: BundleResult['files'] = [];
  let wire = 0;
  for (const r of responses) {
    const body = await r.body();
    const sizes = await r.request().sizes();
    wire += sizes.responseBodySize;
    files.push({ path: new URL(r.url()).pathname, rawBytes: body.length, gzipBytes: gzipSync(body).length });
  }
  if (files.length === 0) throw new BenchError('the dashboard page loaded no JavaScript: nothing to measure');
  const sum = (k: 'rawBytes' | 'gzipBytes') => files.reduce((n, f) => n + f[k], 0);
  return { scripts: files.length, rawKiB: round(sum('rawBytes') / 1024), gzipBytes: sum('gzipBytes'), gzipKiB: round(sum('gzipBytes') / 1024), wireKiB: round(wire / 1024), files };
}

const r1 = (n: number | undefined) => (n === undefined ? null : round(n));

function sseBySeq(commits: readonly Commit[], events: SseReader['events']): Map<number, number> {
  const out = new Map<number, number>();
  const coverage = patchCoverage(commits, events);
  for (const e of events) for (const c of (e.event === 'patch' && e.id !== null ? coverage.get(e.id) : undefined) ?? []) if (!out.has(c.seq)) out.set(c.seq, e.at - c.at);
  return out;
}

function perChange(commits: readonly Commit[], dom: Matched, kubectl: Matched, sse: Map<number, number>): LatencyResult['perChange'] {
  return commits.map((c) => [c.seq, r1(dom.bySeq.get(c.seq)), r1(kubectl.bySeq.get(c.seq)), r1(sse.get(c.seq))]);
}

async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new BenchError(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runLatency(bc: BenchCluster, dash: DashboardServer, browser: Browser, o: LatencyOptions): Promise<{ latency: LatencyResult; bundle: BundleResult }> {
  const shape = { namespace: NS, name: NAME, replicas: o.replicas, claims: true };
  createSet(bc.store, shape);
  await waitAllReady(bc.store, shape, 60_000);
  const pods = podNames(NAME, o.replicas);
  const watchers: ReferenceWatcher[] = [startKubectlWatch(bc.kubeconfig, NS), await startClientNodeWatch(bc.kubeconfig, NS)];
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const readers: SseReader[] = [];
  try {
    for (const w of watchers) await w.waitReceived(o.replicas, 30_000);
    const page = await context.newPage();
    const scripts: Response[] = [];
    page.on('response', (r) => { if (r.request().resourceType() === 'script') scripts.push(r); });
    await page.goto(`${dash.url}/namespaces/${NS}/statefulsets/${NAME}`, { waitUntil: 'load' });
    const allReady = (ps: string[]) => ps.every((p) => document.querySelector(`[data-id="${p}"]`)?.getAttribute('data-ready') === 'true');
    await page.waitForFunction(allReady, pods.map((p) => `Pod/${NS}/${p}`), { timeout: 30_000 });
    const bundle = await bundleOf([...scripts]);
    const sse = new SseReader({ keepData: true });
    await sse.open(`${dash.url}/api/namespaces/${NS}/statefulsets/${NAME}/watch`);
    readers.push(sse);
    await sse.waitFor('snapshot', 30_000);
    await recordNodeAttributes(page);
    await new Promise((r) => setTimeout(r, 500));

    const profile = o.profileDir ? await startJsProfile(page) : null;
    const commits: Commit[] = await storm(bc, { namespace: NS, pods, ratePerSec: o.ratePerSec, count: o.changes });
    const last = new Map(commits.map((c) => [c.pod, c.ready]));
    const lastSeq = commits[commits.length - 1].seq;
    await waitUntil('kubectl and client-node did not see the last change', () => watchers.every((w) => w.seen.has(lastSeq)), 10_000).catch(() => {});
    await page.waitForFunction((want) => want.every(([id, ready]) => document.querySelector(`[data-id="${id}"]`)?.getAttribute('data-ready') === String(ready)),
      [...last].map(([p, r]) => [`Pod/${NS}/${p}`, r] as const), { timeout: 10_000 }).catch(() => {});
    await profile?.stop(join(o.profileDir!, 'page-latency.cpuprofile'));
    const records = await takeNodeAttributes(page);

    const dom = matchDom(commits, records, `Pod/${NS}/`);
    const kubectl = matchSeq(commits, watchers[0].seen);
    const clientNode = matchSeq(commits, watchers[1].seen);
    const dashboard = withMissed(dom, 'dashboard DOM latency', commits.length);
    const kube = withMissed(kubectl, 'kubectl watch latency', commits.length);
    return {
      bundle,
      latency: {
        changes: commits.length, ratePerSec: o.ratePerSec, pods: o.replicas,
        achievedRatePerSec: round(((commits.length - 1) * 1000) / Math.max(1, commits[commits.length - 1].at - commits[0].at)),
        dashboard, kubectl: kube, clientNode: withMissed(clientNode, 'client-node watch latency', commits.length),
        dashboardMinusKubectl: summarize(pairedDifference(dom, kubectl), 'dashboard minus kubectl'),
        sse: summarize(deliveryLatencies(patchCoverage(commits, sse.events), sse.events), 'dashboard SSE latency'),
        perChange: perChange(commits, dom, kubectl, sseBySeq(commits, sse.events)),
        p50GapMs: round(dashboard.p50 - kube.p50),
      },
    };
  } finally {
    for (const r of readers) r.close();
    for (const w of watchers) w.stop();
    await context.close();
  }
}
