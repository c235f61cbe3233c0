// `npm start`: the embedded cluster (unless a real cluster is named) plus the dashboard.
// 1. Real cluster: --kubeconfig [path] and/or --context NAME (kubectl's rules otherwise:
//    KUBECONFIG, then ~/.kube/config). In a pod, the in-cluster config is used automatically.
//    Embedded cluster (the default): started as a child process; its kubeconfig is printed.
// 2. The production build is made (or remade when sources changed), then its standalone server
//    (.next/standalone/server.js, the same artifact the container image runs) is started.
// Ctrl-C / SIGTERM stops both.

import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, parseConfig } from '../config/config.ts';
import { MAX_NODES, checkNodes, checkPort, parseFlags, usage, UsageError, type FlagSpec } from '../sim/cli-args.ts';
import { ensureBuild, standaloneDir } from './build.ts';
import { startChild, waitForHttp } from './processes.ts';
import { SERVER_NODE_FLAGS } from './server-flags.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

const FLAGS: FlagSpec = {
  port: { type: 'number', help: 'dashboard port (default 3000)' },
  host: { type: 'string', help: 'dashboard address (default 127.0.0.1)' },
  'api-port': { type: 'number', help: 'embedded cluster API port (default: a free port)' },
  'dns-port': { type: 'number', help: 'embedded cluster DNS port (default: a free port)' },
  speed: { type: 'speed', help: 'embedded cluster pace: N times faster, or "instant" (default 1)' },
  nodes: { type: 'number', help: `embedded cluster nodes, 110 pods each (default 3, at most ${MAX_NODES})` },
  empty: { type: 'boolean', help: 'embedded cluster without the web/nginx example' },
  'data-dir': { type: 'string', help: 'embedded cluster keeps its objects here (default: <state dir>/data)' },
  reset: { type: 'boolean', help: 'embedded cluster forgets its data dir and starts fresh' },
  ephemeral: { type: 'boolean', help: 'embedded cluster keeps nothing across restarts' },
  kubeconfig: { type: 'string', help: 'use a real cluster through this kubeconfig (or "" for the default one)' },
  context: { type: 'string', help: 'kubeconfig context to use (real cluster)' },
  'read-only': { type: 'boolean', help: 'hide every control; mutating routes answer 403' },
  dev: { type: 'boolean', help: 'run `next dev` instead of the production build' },
  'no-build': { type: 'boolean', help: 'do not rebuild even if sources changed' },
  help: { type: 'boolean', help: 'show this help' },
};

function parse() {
  try {
    const flags = parseFlags(process.argv.slice(2), FLAGS);
    for (const p of ['port', 'api-port', 'dns-port']) checkPort(p, flags[p]);
    checkNodes(flags.nodes);
    return flags;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${usage('Usage: npm start -- [flags]', FLAGS)}`);
      process.exit(2);
    }
    throw e;
  }
}

function inCluster(): boolean {
  return Boolean(process.env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
}

/** The cluster child's kubeconfig path and its DNS server ("127.0.0.1:<port>", for STS_DNS_SERVER). */
async function startEmbedded(flags: ReturnType<typeof parse>, children: ChildProcess[]): Promise<{ kubeconfig: string; dns: string | null }> {
  const args = [join(ROOT, 'lib/sim/main.ts')];
  if (flags['api-port'] !== undefined) args.push('--api-port', String(flags['api-port']));
  if (flags['dns-port'] !== undefined) args.push('--dns-port', String(flags['dns-port']));
  if (flags.speed !== undefined) args.push('--speed', String(flags.speed));
  if (flags.nodes !== undefined) args.push('--nodes', String(flags.nodes));
  if (flags.empty) args.push('--empty');
  if (flags['data-dir'] !== undefined) args.push('--data-dir', String(flags['data-dir']));
  if (flags.reset) args.push('--reset');
  if (flags.ephemeral) args.push('--ephemeral');
  const { child, lines } = startChild(process.execPath, args, 'cluster');
  children.push(child);
  const kubeconfig = await lines.waitFor(/^kubeconfig: (.+)$/, 30_000);
  // Printed right after the kubeconfig line; "dns: undefined" would mean no DNS server.
  const dns = await lines.waitFor(/^dns: (\S+)$/, 5_000).then((m) => (m[1] === 'undefined' ? null : m[1]), () => null);
  return { kubeconfig: kubeconfig[1], dns };
}

/** Checks every STS_* variable before anything starts (lib/config): a typo fails here, not on a request. */
function failOnBadConfig(env: NodeJS.ProcessEnv): void {
  try {
    parseConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`error: bad configuration\n${e.message}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const flags = parse();
  if (flags.help) return console.log(usage('Usage: npm start -- [flags]', FLAGS));
  const children: ChildProcess[] = [];
  const stopAll = (code: number) => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    setTimeout(() => process.exit(code), 300).unref();
  };
  process.once('SIGINT', () => { console.log('\nstopping…'); stopAll(0); });
  process.once('SIGTERM', () => stopAll(0));

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (flags['read-only']) env.STS_READ_ONLY = 'true';
  failOnBadConfig(env);
  const realCluster = flags.kubeconfig !== undefined || flags.context !== undefined || inCluster();
  if (realCluster) {
    if (flags.kubeconfig) env.STS_KUBECONFIG = resolve(String(flags.kubeconfig));
    if (flags.context) env.STS_CONTEXT = String(flags.context);
    console.log(`cluster: ${inCluster() && !flags.kubeconfig ? 'in-cluster service account' : `kubeconfig ${env.STS_KUBECONFIG ?? '(default: KUBECONFIG or ~/.kube/config)'}${flags.context ? `, context ${flags.context}` : ''}`}`);
  } else {
    const embedded = await startEmbedded(flags, children);
    env.STS_KUBECONFIG = embedded.kubeconfig;
    env.STS_EMBEDDED = '1';
    if (embedded.dns) env.STS_DNS_SERVER = embedded.dns;
  }

  const port = (flags.port as number | undefined) ?? 3000;
  const host = (flags.host as string | undefined) ?? '127.0.0.1';
  let server;
  if (flags.dev) {
    env.STS_NEXT_DIST_DIR = '.next-dev';
    server = startChild(join(ROOT, 'node_modules/.bin/next'), ['dev', '-p', String(port), '-H', host], 'next', { env, cwd: ROOT });
  } else {
    if (!flags['no-build']) await ensureBuild(ROOT);
    env.PORT = String(port);
    env.HOSTNAME = host;
    server = startChild(process.execPath, [...SERVER_NODE_FLAGS, join(standaloneDir(ROOT), 'server.js')], 'dashboard', { env, cwd: standaloneDir(ROOT) });
  }
  children.push(server.child);
  for (const c of children) c.once('exit', (code) => { console.error(`a child process exited (${code}); stopping`); stopAll(code ?? 1); });
  const shown = host.includes(':') ? `[${host}]` : host;
  await waitForHttp(`http://${shown}:${port}/api/healthz`, 120_000);
  console.log(`dashboard: http://${shown}:${port}`);
}

await main().catch((e) => {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
});
