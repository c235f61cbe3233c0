// Headless Chromium for the bench and the probes it puts in the page. Every time the page
// records is `performance.timeOrigin + performance.now()` (epoch ms), the same formula the bench
// uses in Node: one machine, one clock. Functions passed to page.evaluate run in the page, so
// they must not close over anything from this module.

import { writeFileSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { ensureChromium } from '../tools/browser.ts';
import { BenchError } from './stats.ts';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
}

/** One attribute change on a graph node: [node id, attribute, new value, epoch ms]. */
export type AttrRecord = [string, string, string, number];

// What the page draws for one topology node: a React Flow node (a card), or a tile of a large
// set's tile field (components/graph/tile-field-node.tsx); both carry data-id, data-status and
// data-ready. A relation is a React Flow edge, or a segment of a tile field path, which says how
// many it draws in data-edges.
const GRAPH_NODES = '.react-flow__node:not(.react-flow__node-TileField), [data-tile]';
const GRAPH_EDGES = '.react-flow__edge, path[data-edges]';

/** Records every data-ready / data-status change on graph nodes (cards and tiles) from now on. */
export async function recordNodeAttributes(page: Page): Promise<void> {
  await page.evaluate((selector) => {
    const w = window as unknown as { __benchAttrs: unknown[]; __benchObs?: MutationObserver };
    w.__benchAttrs = [];
    w.__benchObs?.disconnect();
    const obs = new MutationObserver((list) => {
      const t = performance.timeOrigin + performance.now();
      for (const m of list) {
        const el = m.target as Element;
        if (!el.matches?.(selector) || m.attributeName === null) continue;
        const v = el.getAttribute(m.attributeName);
        if (v !== m.oldValue) w.__benchAttrs.push([el.getAttribute('data-id'), m.attributeName, v, t]);
      }
    });
    obs.observe(document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-ready', 'data-status'] });
    w.__benchObs = obs;
  }, GRAPH_NODES);
}

export async function takeNodeAttributes(page: Page): Promise<AttrRecord[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchAttrs: unknown[]; __benchObs?: MutationObserver };
    w.__benchObs?.disconnect();
    return w.__benchAttrs as [string, string, string, number][];
  });
}

/**
 * Waits until the graph shows `nodes` measured (visible) nodes and `edges` edges; returns
 * performance.now() at that frame, i.e. ms since the navigation started.
 */
export async function waitGraphDrawn(page: Page, nodes: number, edges: number, timeoutMs: number): Promise<number> {
  try {
    const h = await page.waitForFunction(([n, e, nodeSel, edgeSel]) => {
      const all = document.querySelectorAll(nodeSel);
      const edgeCount = (sel: string) => [...document.querySelectorAll(sel)].reduce((k, el) => k + Number(el.getAttribute('data-edges') ?? 1), 0);
      if (all.length < n || edgeCount(edgeSel) < e) return false;
      for (const el of document.querySelectorAll('.react-flow__node')) if ((el as HTMLElement).style.visibility === 'hidden') return false;
      return performance.now();
    }, [nodes, edges, GRAPH_NODES, GRAPH_EDGES] as const, { polling: 'raf', timeout: timeoutMs });
    return (await h.jsonValue()) as number;
  } catch (e) {
    const seen = await page.evaluate(([nodeSel, edgeSel]) => [
      document.querySelectorAll(nodeSel).length,
      [...document.querySelectorAll(edgeSel)].reduce((k, el) => k + Number(el.getAttribute('data-edges') ?? 1), 0),
    ], [GRAPH_NODES, GRAPH_EDGES])
      .catch(() => [-1, -1]);
    throw new BenchError(`the graph did not show ${nodes} nodes and ${edges} edges within ${timeoutMs} ms (saw ${seen[0]} nodes, ${seen[1]} edges): ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Starts counting long tasks and animation frames in the page. */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: { longTasks: number[]; frames: number[]; stop: boolean } };
    const probe = { longTasks: [] as number[], frames: [] as number[], stop: false };
    w.__benchFrames = probe;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    const frame = (t: number) => {
      probe.frames.push(t);
      if (!probe.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

export interface FrameResult {
  longTasks: number[];
  /** Intervals between consecutive animation frames (ms). */
  frameIntervals: number[];
}

export async function stopFrameProbe(page: Page): Promise<FrameResult> {
  const r = await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: { longTasks: number[]; frames: number[]; stop: boolean } };
    w.__benchFrames.stop = true;
    return { longTasks: w.__benchFrames.longTasks, frames: w.__benchFrames.frames };
  });
  const frameIntervals = r.frames.slice(1).map((t, i) => t - r.frames[i]);
  return { longTasks: r.longTasks, frameIntervals };
}

/** JS heap and DOM size of the tab (Chrome DevTools Protocol Performance metrics). */
export async function tabMemory(page: Page): Promise<{ jsHeapUsedMiB: number; jsHeapTotalMiB: number; domNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const m = new Map(metrics.map((x) => [x.name, x.value]));
  const need = (k: string) => {
    const v = m.get(k);
    if (v === undefined) throw new BenchError(`Chromium reported no ${k} metric`);
    return v;
  };
  return { jsHeapUsedMiB: need('JSHeapUsedSize') / 2 ** 20, jsHeapTotalMiB: need('JSHeapTotalSize') / 2 ** 20, domNodes: need('Nodes') };
}

/** A JavaScript CPU profile of the page's main thread (--profile); stop() writes a .cpuprofile. */
export async function startJsProfile(page: Page): Promise<{ stop(path: string): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    stop: async (path) => {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(path, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}
