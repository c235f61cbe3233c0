// `npm run cluster`: runs the embedded cluster on its own and prints how to reach it.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { MAX_NODES, checkNodes, checkPort, parseFlags, usage, UsageError, type FlagSpec } from './cli-args.ts';
import { startEmbeddedCluster } from './cluster.ts';
import { DataDirLockedError } from './persist/data-dir.ts';
import { CorruptDataError } from './persist/durable-fs.ts';
import type { Speed } from './controllers/all.ts';

const FLAGS: FlagSpec = {
  'api-port': { type: 'number', help: 'port of the Kubernetes API (default: a free port)' },
  port: { type: 'number', help: 'same as --api-port' },
  host: { type: 'string', help: 'address to listen on (default 127.0.0.1)' },
  'dns-port': { type: 'number', help: 'port of the DNS server, UDP and TCP (default: a free port)' },
  speed: { type: 'speed', help: 'pace of the simulated kubelet: N times faster, or "instant" (default 1)' },
  nodes: { type: 'number', help: `simulated nodes, 110 pods each (default 3, at most ${MAX_NODES})` },
  empty: { type: 'boolean', help: 'start without the web/nginx example' },
  kubeconfig: { type: 'string', help: 'where to write the kubeconfig (default: <state dir>/kubeconfig)' },
  'data-dir': { type: 'string', help: 'keep objects across restarts here (default: <state dir>/data)' },
  reset: { type: 'boolean', help: 'forget what the data dir holds and start fresh' },
  ephemeral: { type: 'boolean', help: 'keep nothing across restarts' },
  help: { type: 'boolean', help: 'show this help' },
};

export function stateDir(): string {
  const base = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'sts-topology');
}

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2), FLAGS);
    checkPort('api-port', flags['api-port']);
    checkPort('port', flags.port);
    checkPort('dns-port', flags['dns-port']);
    checkNodes(flags.nodes);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${usage('Usage: npm run cluster -- [flags]', FLAGS)}`);
      process.exit(2);
    }
    throw e;
  }
  if (flags.help) {
    console.log(usage('Usage: npm run cluster -- [flags]', FLAGS));
    return;
  }
  const kubeconfigPath = (flags.kubeconfig as string | undefined) ?? join(stateDir(), 'kubeconfig');
  const dataDir = flags.ephemeral ? undefined : ((flags['data-dir'] as string | undefined) ?? join(stateDir(), 'data'));
  let cluster;
  try {
    cluster = await startEmbeddedCluster({
      host: flags.host as string | undefined,
      apiPort: (flags['api-port'] ?? flags.port ?? 0) as number,
      speed: (flags.speed ?? 1) as Speed,
      nodes: flags.nodes as number | undefined,
      empty: Boolean(flags.empty),
      kubeconfigPath,
      dnsPort: (flags['dns-port'] ?? 0) as number,
      dataDir,
      reset: Boolean(flags.reset),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof DataDirLockedError) console.error(`error: ${err.message}`);
    else if (e instanceof CorruptDataError) console.error(`error: ${err.message}; start with --reset to discard it`);
    else if (err.code === 'EADDRINUSE') console.error(`error: a port is already in use (${err.message}); pick another with --api-port / --dns-port`);
    else if (err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') console.error(`error: cannot listen there: ${err.message}`);
    else console.error(`error: the embedded cluster failed to start: ${err.stack ?? err}`);
    process.exit(1);
  }
  console.log(`api: ${cluster.url}`);
  console.log(`kubeconfig: ${kubeconfigPath}`);
  console.log(`dns: ${cluster.dns}`);
  console.log(dataDir ? `data: ${dataDir}${cluster.persistence?.restoredRV ? ` (restored ${cluster.persistence.restoredObjects} objects)` : ''}` : 'data: not kept (--ephemeral)');
  console.log(`try: export KUBECONFIG=${kubeconfigPath}; kubectl get pods -w -l app=nginx`);
  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping the embedded cluster`);
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
