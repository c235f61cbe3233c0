// Scenario 3: a large Parallel StatefulSet (1,000 replicas, a PVC each) on a cluster running at
// speed 'instant': time from navigation to the whole graph drawn, the snapshot's size on the
// wire, the page's frame budget while pod changes arrive at a steady rate (long tasks), and the
// tab's memory.

import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import type { Snapshot } from '../../lib/stream/wire.ts';
import { withGraph } from '../../lib/topology/graph.ts';
import { createSetInSteps, podNames, storm, waitQuiet, type BenchCluster, type Commit } from './bench-cluster.ts';
import { recordNodeAttributes, startFrameProbe, startJsProfile, stopFrameProbe, tabMemory, takeNodeAttributes, waitGraphDrawn } from './browser-probes.ts';
import type { DashboardServer } from './dashboard-server.ts';
import { SseReader } from './sse-client.ts';
import { requireCount, round, spread, summarize, type Spread, type Summary } from './stats.ts';

export interface LargeOptions {
  replicas: number;
  /** Navigations measured (each in a fresh tab). */
  loads: number;
  stormMs: number;
  ratePerSec: number;
  /** Give up when the cluster needs longer than this to have every pod Ready. */
  setupBudgetMs: number;
  /** Write JavaScript CPU profiles of the page (a reload, the storm) into this folder (--profile). */
  profileDir?: string;
}

export interface LargeResult {
  replicas: number;
  graphNodes: number;
  graphEdges: number;
  /** Setup: scaled up 50 at a time until every pod was Ready (not the scenario 5 figure). */
  setupMs: number;
  /** Navigation start -> every node measured and every edge drawn. */
  fullGraphMs: Spread;
  snapshotBytes: number;
  snapshotKiB: number;
  snapshotGzipKiB: number;
  storm: {
    ratePerSec: number;
    /** Writes per second the bench managed (lower when the cluster's controllers are slow). */
    achievedRatePerSec: number;
    changes: number;
    /** data-ready flips the page showed (it must have seen work). */
    domUpdates: number;
    /** After the last write, until the page showed every pod's final state; null: not within 60 s. */
    catchUpMs: number | null;
    longTasks: number;
    longTasksOver100ms: number;
    longestTaskMs: number;
    /** Animation frames painted from the storm's start until the page caught up. */
    frames: number;
    frameInterval: Summary | null;
  };
  tab: { jsHeapUsedMiB: number; jsHeapTotalMiB: number; domNodes: number };
}

const NS = 'bench-large';
const NAME = 'big';

async function snapshotSize(dash: DashboardServer): Promise<{ bytes: number; gzipBytes: number; nodes: number; edges: number }> {
  const r = new SseReader({ keepData: true });
  await r.open(`${dash.url}/api/namespaces/${NS}/statefulsets/${NAME}/watch`);
  try {
    const snap = await r.waitFor('snapshot', 60_000);
    // The wire carries the model; the page derives the graph from it as withGraph does here.
    const topo = withGraph((JSON.parse(snap.data) as Snapshot).topology);
    const wire = `event: snapshot\ndata: ${snap.data}\n\n`;
    return { bytes: snap.bytes, gzipBytes: gzipSync(wire).length, nodes: topo.nodes.length, edges: topo.edges.length };
  } finally {
    r.close();
  }
}

/** ms after the storm until the page shows every pod's last written readiness; null if not within timeoutMs. */
async function caughtUp(page: Page, commits: readonly Commit[], timeoutMs: number): Promise<number | null> {
  const t0 = performance.now();
  const last = new Map(commits.map((c) => [`Pod/${NS}/${c.pod}`, String(c.ready)]));
  const ok = await page.waitForFunction((want) => want.every(([id, v]) => document.querySelector(`[data-id="${id}"]`)?.getAttribute('data-ready') === v),
    [...last], { polling: 250, timeout: timeoutMs }).then(() => true, () => false);
  return ok ? performance.now() - t0 : null;
}

/** The trace categories of the DevTools Performance panel's main-thread view. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'viz'];

export async function runLarge(bc: BenchCluster, dash: DashboardServer, browser: Browser, o: LargeOptions): Promise<LargeResult> {
  const shape = { namespace: NS, name: NAME, replicas: o.replicas, claims: true };
  const allReadyMs = await createSetInSteps(bc.store, shape, 50, o.setupBudgetMs);
  // Measure the page, not the cluster still settling from the scale-up on the same two cores.
  await waitQuiet(bc.store, 1_500, 30_000);
  const snap = await snapshotSize(dash);
  const url = `${dash.url}/namespaces/${NS}/statefulsets/${NAME}`;
  const loads: number[] = [];
  // Every navigation in a fresh context: no HTTP cache, no code cache (a first visit).
  const fresh = () => browser.newContext({ viewport: { width: 1600, height: 1000 } });
  let context = await fresh();
  try {
    let page = await context.newPage();
    for (let i = 0; i < o.loads; i++) {
      if (i > 0) {
        await context.close();
        context = await fresh();
        page = await context.newPage();
      }
      // Profiling: the first (cold) navigation is traced too; its figure then includes the tracing.
      const tracing = o.profileDir !== undefined && i === 0;
      const loadProfile = tracing ? await startJsProfile(page) : null;
      if (tracing) await browser.startTracing(page, { path: join(o.profileDir!, 'page-load-large.trace.json'), categories: TRACE_CATEGORIES });
      await page.goto(url, { waitUntil: 'commit' });
      loads.push(await waitGraphDrawn(page, snap.nodes, snap.edges, 60_000));
      if (tracing) await browser.stopTracing();
      await loadProfile?.stop(join(o.profileDir!, 'page-load-large.cpuprofile'));
      console.error(`[bench] large set: full graph drawn in ${round(loads[i])} ms`);
    }
    if (o.profileDir) {
      const reload = await startJsProfile(page);
      await browser.startTracing(page, { path: join(o.profileDir, 'page-reload-large.trace.json'), categories: TRACE_CATEGORIES });
      await page.reload({ waitUntil: 'commit' });
      await waitGraphDrawn(page, snap.nodes, snap.edges, 60_000);
      await browser.stopTracing();
      await reload.stop(join(o.profileDir, 'page-reload-large.cpuprofile'));
    }
    await new Promise((r) => setTimeout(r, 1000));
    await recordNodeAttributes(page);
    const profile = o.profileDir ? await startJsProfile(page) : null;
    // The JS profile cannot see style, layout, paint and raster: a Chromium trace does.
    if (o.profileDir) await browser.startTracing(page, { path: join(o.profileDir, 'page-storm-large.trace.json'), categories: TRACE_CATEGORIES });
    await startFrameProbe(page);
    const commits = await storm(bc, { namespace: NS, pods: podNames(NAME, o.replicas), ratePerSec: o.ratePerSec, durationMs: o.stormMs, seq0: 2_000_000 });
    const catchUpMs = await caughtUp(page, commits, 60_000);
    await profile?.stop(join(o.profileDir!, 'page-storm-large.cpuprofile'));
    if (o.profileDir) await browser.stopTracing();
    const frames = await stopFrameProbe(page);
    const dom = (await takeNodeAttributes(page)).filter((a) => a[1] === 'data-ready').length;
    requireCount(dom, 1, 'large set: data-ready changes the page showed during the storm');
    const tab = await tabMemory(page);
    return {
      replicas: o.replicas, graphNodes: snap.nodes, graphEdges: snap.edges,
      setupMs: round(allReadyMs),
      fullGraphMs: spread(loads, 'large set: navigation to full graph'),
      snapshotBytes: snap.bytes, snapshotKiB: round(snap.bytes / 1024), snapshotGzipKiB: round(snap.gzipBytes / 1024),
      storm: {
        ratePerSec: o.ratePerSec, achievedRatePerSec: round(commits.length / (o.stormMs / 1000)), changes: commits.length, domUpdates: dom,
        catchUpMs: catchUpMs === null ? null : round(catchUpMs),
        longTasks: frames.longTasks.length,
        longTasksOver100ms: frames.longTasks.filter((d) => d > 100).length,
        longestTaskMs: round(Math.max(0, ...frames.longTasks)),
        frames: frames.frameIntervals.length + 1,
        frameInterval: frames.frameIntervals.length > 0 ? summarize(frames.frameIntervals, 'large set: animation frames during the storm') : null,
      },
      tab: { jsHeapUsedMiB: round(tab.jsHeapUsedMiB), jsHeapTotalMiB: round(tab.jsHeapTotalMiB), domNodes: tab.domNodes },
    };
  } finally {
    await context.close();
  }
}
