// `npm run cluster:fault -- <fault> [flags]`: sends one fault to the running embedded cluster
// and prints a one-line result. The cluster is found through its kubeconfig (the server URL);
// only a loopback server is accepted, so this never pokes a real cluster.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { isLoopbackHost } from './admin.ts';
import { parseFlags, usage, UsageError, type FlagSpec, type ParsedFlags } from '../cli-args.ts';

const FLAGS: FlagSpec = {
  kubeconfig: { type: 'string', help: 'kubeconfig of the embedded cluster (default: <state dir>/sts-topology/kubeconfig)' },
  count: { type: 'number', help: 'how many requests the fault applies to (expire-next-watch, fail-next, delay)' },
  code: { type: 'number', help: 'fail-next: 500 or 429' },
  'retry-after': { type: 'number', help: 'fail-next --code 429: seconds in Retry-After (default 1)' },
  ms: { type: 'number', help: 'delay: milliseconds; hang-watches: end the hung watches after this long' },
  'down-ms': { type: 'number', help: 'restart: how long the API server stays down (default 1000)' },
  next: { type: 'boolean', help: 'hang-watches: hang the next new watch instead of the open ones' },
  help: { type: 'boolean', help: 'show this help' },
};

/** Each fault: the flags it takes and how they become the admin API's JSON arguments. */
const FAULTS: Record<string, { flags: string[]; body: (f: ParsedFlags) => Record<string, unknown> }> = {
  'drop-watches': { flags: [], body: () => ({}) },
  'expire-next-watch': { flags: ['count'], body: (f) => ({ count: f.count }) },
  'fail-next': {
    flags: ['count', 'code', 'retry-after'],
    body: (f) => {
      if (f.code !== 500 && f.code !== 429) throw new UsageError('fail-next needs --code 500 or --code 429');
      if (f['retry-after'] !== undefined && f.code !== 429) throw new UsageError('--retry-after goes with --code 429');
      return { count: f.count, code: f.code, retryAfterSeconds: f['retry-after'] };
    },
  },
  delay: {
    flags: ['ms', 'count'],
    body: (f) => {
      if (f.ms === undefined) throw new UsageError('delay needs --ms <milliseconds>');
      return { ms: f.ms, count: f.count };
    },
  },
  compact: { flags: [], body: () => ({}) },
  restart: { flags: ['down-ms'], body: (f) => ({ downMs: f['down-ms'] }) },
  'hang-watches': { flags: ['next', 'ms'], body: (f) => ({ next: f.next, ms: f.ms }) },
  clear: { flags: [], body: () => ({}) },
  list: { flags: [], body: () => ({}) },
};

const TITLE = `Usage: npm run cluster:fault -- <fault> [flags]

Faults:
  drop-watches                         end every open watch stream
  expire-next-watch [--count N]        answer the next watch(es) with 410 Expired
  fail-next --code 500|429 [--count N] [--retry-after S]
                                       fail the next get(s)/list(s)
  delay --ms N [--count N]             delay the next N requests (all, until cleared, without --count)
  compact                              expire the change log (watches resuming from older versions get 410)
  restart [--down-ms N]                stop the API server, start it again on the same port
  hang-watches [--next] [--ms N]       open watches (or the next one) stop sending bytes
  clear                                end every fault
  list                                 show the active faults`;

export interface FaultCliDeps {
  env: Record<string, string | undefined>;
  home: string;
  out: (line: string) => void;
  err: (line: string) => void;
  fetch: typeof fetch;
}

const defaultDeps = (): FaultCliDeps => ({
  env: process.env,
  home: homedir(),
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  fetch: globalThis.fetch,
});

export function defaultKubeconfigPath(env: Record<string, string | undefined>, home: string): string {
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'sts-topology', 'kubeconfig');
}

class CliError extends Error {}

/** The server URL of the kubeconfig's current context. */
export function serverFromKubeconfig(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`no kubeconfig at ${path}: is the embedded cluster running (npm run cluster)? Point at another one with --kubeconfig`);
  }
  const doc = YAML.parse(text) as { 'current-context'?: string; contexts?: Array<{ name: string; context?: { cluster?: string } }>; clusters?: Array<{ name: string; cluster?: { server?: string } }> } | null;
  const ctx = doc?.contexts?.find((c) => c.name === doc['current-context']);
  const server = doc?.clusters?.find((c) => c.name === ctx?.context?.cluster)?.cluster?.server;
  if (!server) throw new CliError(`${path} names no server for its current context`);
  return server.replace(/\/+$/, '');
}

function describeNetworkError(e: unknown, server: string): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return `cannot reach the embedded cluster at ${server} (connection refused): is it running (npm run cluster)?`;
  if ((e as Error).name === 'TimeoutError') return `the embedded cluster at ${server} did not answer within 10 s`;
  return `cannot reach the embedded cluster at ${server}: ${cause?.code ?? (e as Error).message}`;
}

function parseArgs(argv: string[]): { fault?: string; flags: ParsedFlags } {
  const fault = argv[0] && !argv[0].startsWith('--') ? argv[0] : undefined;
  const flags = parseFlags(fault ? argv.slice(1) : argv, FLAGS);
  if (flags.help) return { flags };
  if (!fault) throw new UsageError('name a fault');
  const spec = FAULTS[fault];
  if (!spec) throw new UsageError(`unknown fault "${fault}"`);
  const extra = Object.keys(flags).filter((k) => k !== 'kubeconfig' && !spec.flags.includes(k));
  if (extra.length) throw new UsageError(`${fault} does not take --${extra[0]}`);
  return { fault, flags };
}

function summary(faults: Array<{ description: string }>): string {
  return faults.length ? `active faults: ${faults.map((f) => f.description).join('; ')}` : 'no active faults';
}

/** Runs the CLI; returns the exit code (0 done, 1 failed, 2 bad usage). */
export async function runFaultCli(argv: string[], deps: FaultCliDeps = defaultDeps()): Promise<number> {
  let parsed;
  let body;
  try {
    parsed = parseArgs(argv);
    if (parsed.flags.help) { deps.out(usage(TITLE, FLAGS)); return 0; }
    body = FAULTS[parsed.fault!].body(parsed.flags);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    deps.err(`error: ${e.message}\n\n${usage(TITLE, FLAGS)}`);
    return 2;
  }
  const fault = parsed.fault!;
  try {
    const server = serverFromKubeconfig((parsed.flags.kubeconfig as string | undefined) ?? defaultKubeconfigPath(deps.env, deps.home));
    if (!isLoopbackHost(new URL(server).host)) throw new CliError(`${server} is not on this machine; faults are only for the embedded cluster`);
    const list = fault === 'list';
    let r: Response;
    try {
      r = await deps.fetch(`${server}/_sim/faults${list ? '' : `/${fault}`}`, {
        method: list ? 'GET' : 'POST',
        headers: list ? {} : { 'content-type': 'application/json' },
        body: list ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new CliError(describeNetworkError(e, server));
    }
    const json = (await r.json().catch(() => ({}))) as { message?: string; error?: string; faults?: Array<{ description: string }> };
    if (r.status === 404 && !json.error) throw new CliError(`${server} does not take faults: is it the embedded cluster?`);
    if (!r.ok) throw new CliError(json.error ?? `the cluster answered HTTP ${r.status}`);
    deps.out(list ? summary(json.faults ?? []) : json.message ?? 'done');
    return 0;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    deps.err(`error: ${e.message}`);
    return 1;
  }
}
