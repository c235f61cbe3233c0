// `npm run soak -- [--minutes 30] [--clients 50] [--sample-seconds 10]` (not part of npm test):
// runs the product (embedded cluster + production server, as `npm start`), keeps N browsers'
// worth of SSE streams open on the web set, and scales the set and deletes its pods without
// pause. Every sample it prints the dashboard server's resident memory, open file descriptors
// and event-loop lag, and at the end whether their growth levelled off (the slope over the last
// third of the run against the first third, and whether the last third set new highs; see
// e2e/tools/soak-probes.ts). Exit code 1 when something kept growing or the run broke. Linux
// only (/proc). Builds first when the build is stale, as `npm start` does (STS_NEXT_DIST_DIR
// picks the build folder).
// Event-loop lag: read from /api/metrics when it exports an event-loop gauge; otherwise the
// latency of GET /api/healthz (a trivial route) stands in for it, which the output says.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ensureBuild } from '../../lib/launcher/build.ts';
import { freePort } from '../tools/instance.ts';
import { childrenOf, growthVerdict, openFds, rssMiB } from '../tools/soak-probes.ts';
import { startWatchers } from './watchers.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

const { values: flags } = parseArgs({
  options: { minutes: { type: 'string', default: '30' }, clients: { type: 'string', default: '50' }, 'sample-seconds': { type: 'string', default: '10' } },
});
const MINUTES = Number(flags.minutes);
const CLIENTS = Number(flags.clients);
const SAMPLE_MS = Number(flags['sample-seconds']) * 1000;
if (!(MINUTES > 0) || !(CLIENTS > 0) || !(SAMPLE_MS >= 1000)) {
  console.error('usage: npm run soak -- [--minutes N] [--clients N] [--sample-seconds N]');
  process.exit(2);
}

interface Product { dashboard: string; api: string; serverPid: number; clusterPid: number; stop(): Promise<void> }

async function startProduct(): Promise<Product> {
  await ensureBuild(ROOT);
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'lib/launcher/start.ts'), '--port', String(port), '--no-build', '--ephemeral', '--speed', '10'], {
    cwd: ROOT, env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'sts-soak-')) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const found = await new Promise<{ dashboard: string; api: string }>((res, rej) => {
    let api = '';
    const t = setTimeout(() => rej(new Error(`the product did not start in 120 s:\n${lines.join('\n')}`)), 120_000);
    const onLine = (l: string) => {
      if (lines.length < 200) lines.push(l);
      const a = /^\[cluster\] api: (\S+)/.exec(l);
      if (a) api = a[1];
      const d = /^dashboard: (\S+)$/.exec(l);
      if (d) { clearTimeout(t); res({ dashboard: d[1], api }); }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => { clearTimeout(t); rej(new Error(`the launcher exited (${code}):\n${lines.join('\n')}`)); });
  });
  const stop = () => new Promise<void>((res) => {
    if (child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
  const kids = childrenOf(child.pid!);
  // The standalone server names itself "next-server (vX)".
  const serverPid = kids.find((k) => /server\.js|next-server/.test(k.cmdline))?.pid;
  const clusterPid = kids.find((k) => k.cmdline.includes('lib/sim/main.ts'))?.pid;
  if (!serverPid || !clusterPid) {
    await stop();
    throw new Error(`cannot find the server and cluster processes among ${JSON.stringify(kids)}`);
  }
  return { ...found, serverPid, clusterPid, stop };
}

/** Scales web between 1 and 5 and deletes one of its pods, alternately, through the API server. */
function startChurn(api: string): { stats: { ops: number; errors: number }; stop(): void } {
  const stats = { ops: 0, errors: 0 };
  let stopped = false;
  const sts = `${api}/apis/apps/v1/namespaces/default/statefulsets/web`;
  void (async () => {
    for (let i = 0; !stopped; i++) {
      try {
        if (i % 2 === 0) {
          const replicas = 1 + Math.floor(Math.random() * 5);
          const r = await fetch(`${sts}/scale`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { replicas } }) });
          if (!r.ok) stats.errors++;
        } else {
          const pods = (await (await fetch(`${api}/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx`)).json()) as { items: Array<{ metadata: { name: string } }> };
          const victim = pods.items[Math.floor(Math.random() * pods.items.length)];
          if (victim) {
            const r = await fetch(`${api}/api/v1/namespaces/default/pods/${victim.metadata.name}`, { method: 'DELETE' });
            if (!r.ok && r.status !== 404) stats.errors++;
          }
        }
        stats.ops++;
      } catch {
        stats.errors++;
      }
      await new Promise((r) => setTimeout(r, 1_500));
    }
  })();
  return { stats, stop: () => { stopped = true; } };
}

async function eventLoopLag(dashboard: string): Promise<{ ms: number; source: string }> {
  const text = await fetch(`${dashboard}/api/metrics`).then((r) => r.text()).catch(() => '');
  const m = /^(\w*event_?loop\w*(?:lag|delay)\w*?)(?:_seconds)?(?:\{[^}]*\})?\s+([\d.eE+-]+)$/m.exec(text);
  if (m) return { ms: Number(m[2]) * (/seconds/.test(m[0]) ? 1000 : 1), source: m[1] };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await fetch(`${dashboard}/api/healthz`).then((r) => r.arrayBuffer()).catch(() => undefined);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2], source: 'GET /api/healthz latency, median of 5 (proxy: no event-loop gauge in /api/metrics)' };
}

interface Sample { minutes: number; rss: number; fds: number; lag: number; clusterRss: number; connected: number; messages: number; ops: number; errors: number }

const pad = (v: string | number, n: number) => String(v).padStart(n);

async function main(): Promise<number> {
  console.log(`soak: ${MINUTES} min, ${CLIENTS} SSE clients, a sample every ${SAMPLE_MS / 1000} s`);
  const product = await startProduct();
  console.log(`dashboard ${product.dashboard} (pid ${product.serverPid}), cluster ${product.api} (pid ${product.clusterPid})`);
  const watchers = startWatchers(`${product.dashboard}/api/namespaces/default/statefulsets/web/watch`, CLIENTS);
  const churn = startChurn(product.api);
  const samples: Sample[] = [];
  const start = Date.now();
  let lagSource = '';
  let lastMessages = 0;
  console.log(`${pad('min', 6)} ${pad('rss MiB', 8)} ${pad('fds', 5)} ${pad('lag ms', 7)} ${pad('cluster MiB', 11)} ${pad('sse', 4)} ${pad('msgs', 7)} ${pad('ops', 5)} ${pad('errors', 6)}`);
  try {
    while (Date.now() - start < MINUTES * 60_000) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const lag = await eventLoopLag(product.dashboard);
      lagSource = lag.source;
      const s: Sample = {
        minutes: (Date.now() - start) / 60_000, rss: rssMiB(product.serverPid), fds: openFds(product.serverPid), lag: lag.ms,
        clusterRss: rssMiB(product.clusterPid), connected: watchers.connected(), messages: watchers.messages() - lastMessages,
        ops: churn.stats.ops, errors: churn.stats.errors + watchers.errors(),
      };
      lastMessages = watchers.messages();
      samples.push(s);
      console.log(`${pad(s.minutes.toFixed(1), 6)} ${pad(s.rss.toFixed(1), 8)} ${pad(s.fds, 5)} ${pad(s.lag.toFixed(1), 7)} ${pad(s.clusterRss.toFixed(1), 11)} ${pad(s.connected, 4)} ${pad(s.messages, 7)} ${pad(s.ops, 5)} ${pad(s.errors, 6)}`);
      if (!Number.isFinite(s.rss)) throw new Error('the dashboard server is gone');
    }
  } finally {
    churn.stop();
    watchers.stop();
    await product.stop();
  }
  return verdict(samples, lagSource);
}

function verdict(samples: Sample[], lagSource: string): number {
  console.log(`\nevent-loop lag: ${lagSource}`);
  const checks = [
    { name: 'dashboard RSS', unit: 'MiB/min', flat: 1, pick: (s: Sample) => s.rss },
    { name: 'open fds', unit: 'fds/min', flat: 0.5, pick: (s: Sample) => s.fds },
    { name: 'event-loop lag', unit: 'ms/min', flat: 1, pick: (s: Sample) => s.lag },
    { name: 'cluster RSS', unit: 'MiB/min', flat: 1, pick: (s: Sample) => s.clusterRss },
  ];
  let ok = samples.length >= 6;
  if (!ok) console.log('too few samples for a verdict (need 6: run longer or sample more often)');
  for (const c of checks) {
    const v = growthVerdict(samples.map((s) => ({ minutes: s.minutes, value: c.pick(s) })), c.flat);
    ok &&= v.levelledOff;
    const high = v.newHigh > 0 ? `new high +${v.newHigh.toFixed(1)}` : 'no new high';
    console.log(`${c.name}: first third ${v.firstSlope.toFixed(2)} ${c.unit}, last third ${v.lastSlope.toFixed(2)} ${c.unit}, ${high} -> ${v.levelledOff ? 'levelled off' : 'STILL GROWING'}`);
  }
  const last = samples[samples.length - 1];
  if (last && last.connected < CLIENTS) { ok = false; console.log(`only ${last.connected} of ${CLIENTS} SSE clients connected at the end`); }
  console.log(`verdict: ${ok ? 'growth levelled off' : 'FAILED'}`);
  return ok ? 0 : 1;
}

process.exit(await main().catch((e) => {
  console.error(`soak failed: ${(e as Error).message}`);
  return 1;
}));
