// The fault injection admin API, served by the API server itself under /_sim/faults:
//   GET  /_sim/faults           -> { faults: ActiveFault[] }
//   POST /_sim/faults/<fault>   (JSON body of arguments) -> { message, faults }
// Errors are { error } with 400 (bad arguments), 403, 404 (unknown fault), 405, 409, 415.
//
// Only for programs on this machine, never for web pages: the peer must be a loopback address,
// the Host header a loopback name (defeats DNS rebinding), no Origin header may be present
// (browsers send one with every POST; node's fetch, curl and kubectl do not), and a POST must
// say application/json.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, readBody, sendJson } from '../api/request.ts';
import { FaultError } from './fault-error.ts';
import type { FailCode, FaultInjector } from './injector.ts';

export const FAULT_PATH = '/_sim/faults';

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.toLowerCase().startsWith('::ffff:') ? addr.slice(7) : addr;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** True for a Host header naming this machine: localhost, 127.x.y.z or [::1], with any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  return name === 'localhost' || name === '[::1]' || isLoopbackAddress(name);
}

type Body = Record<string, unknown>;

interface IntRule { min: number; max: number; def?: number }

function int(body: Body, key: string, rule: IntRule): number | undefined {
  const v = body[key];
  if (v === undefined) return rule.def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < rule.min || v > rule.max) {
    throw new FaultError(400, `${key} must be an integer from ${rule.min} to ${rule.max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function need(body: Body, key: string, rule: IntRule): number {
  const v = int(body, key, rule);
  if (v === undefined) throw new FaultError(400, `${key} is required`);
  return v;
}

const COUNT: IntRule = { min: 1, max: 100_000, def: 1 };
const MS: IntRule = { min: 0, max: 600_000 };
const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('h') ? 'es' : 's'}`;

interface Action {
  keys: string[];
  run(inj: FaultInjector, body: Body, res: ServerResponse): string;
}

const ACTIONS: Record<string, Action> = {
  'drop-watches': { keys: [], run: (inj) => `dropped ${s(inj.dropWatches(), 'watch')}` },
  'expire-next-watch': {
    keys: ['count'],
    run: (inj, b) => {
      const n = int(b, 'count', COUNT)!;
      inj.expireNextWatch(n);
      return `${n === 1 ? 'the next watch' : `the next ${n} watches`} will get 410 Expired`;
    },
  },
  'fail-next': {
    keys: ['count', 'code', 'retryAfterSeconds'],
    run: (inj, b) => {
      const n = int(b, 'count', COUNT)!;
      const code = b.code;
      if (code !== 500 && code !== 429) throw new FaultError(400, `code must be 500 or 429, got ${JSON.stringify(code)}`);
      const retry = int(b, 'retryAfterSeconds', { min: 0, max: 3600, def: 1 })!;
      inj.failNext(n, code as FailCode, retry);
      return `the next ${n === 1 ? 'get or list' : `${n} gets or lists`} will fail with ${code === 429 ? `429 TooManyRequests (Retry-After: ${retry})` : '500 InternalError'}`;
    },
  },
  delay: {
    keys: ['ms', 'count'],
    run: (inj, b) => {
      const ms = need(b, 'ms', MS);
      const n = int(b, 'count', { ...COUNT, def: undefined });
      inj.delay(ms, n);
      return n === undefined ? `every request will wait ${ms} ms until cleared` : `${n === 1 ? 'the next request' : `the next ${n} requests`} will wait ${ms} ms`;
    },
  },
  compact: {
    keys: [],
    run: (inj) => `compacted the change log through resourceVersion ${inj.compact()}; watches resuming from older versions get 410 Expired`,
  },
  restart: {
    keys: ['downMs'],
    run: (inj, b, res) => {
      const ms = int(b, 'downMs', { ...MS, def: 1000 })!;
      // Answer first: the restart closes this very connection.
      const answered = new Promise<void>((r) => { res.once('finish', r); res.once('close', r); });
      inj.restart(ms, { after: answered }).catch((e: unknown) => console.error(`[faults] restart failed: ${String(e)}`));
      return `restarting the API server: down for ${ms} ms`;
    },
  },
  'hang-watches': {
    keys: ['next', 'ms'],
    run: (inj, b) => {
      if (b.next !== undefined && typeof b.next !== 'boolean') throw new FaultError(400, 'next must be true or false');
      const ms = int(b, 'ms', { ...MS, min: 1 });
      const n = inj.hangWatches({ next: b.next === true, ms });
      const how = ms === undefined ? 'without bytes until the client gives up' : `without bytes for ${ms} ms, then end`;
      return b.next ? `the next watch will hang ${how}` : `${s(n, 'watch')} now ${n === 1 ? 'hangs' : 'hang'} ${how}`;
    },
  },
  clear: { keys: [], run: (inj) => { inj.clear(); return 'cleared every fault'; } },
};

export const FAULT_NAMES = Object.keys(ACTIONS);

async function readArgs(req: IncomingMessage): Promise<Body> {
  const text = (await readBody(req, 64 * 1024)).toString('utf8').trim();
  if (!text) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new FaultError(400, 'the body must be a JSON object of arguments');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new FaultError(400, 'the body must be a JSON object of arguments');
  return v as Body;
}

export async function serveFaultAdmin(inj: FaultInjector, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host)) {
    return sendJson(res, 403, { error: 'fault injection is only served to clients on this machine (loopback)' });
  }
  if (req.headers.origin !== undefined) return sendJson(res, 403, { error: 'fault injection is not served to web pages' });
  const name = url.pathname.slice(FAULT_PATH.length).replace(/^\/+|\/+$/g, '');
  if (!name && req.method === 'GET') return sendJson(res, 200, { faults: inj.list() });
  if (!name || req.method !== 'POST') return sendJson(res, 405, { error: `use GET ${FAULT_PATH} or POST ${FAULT_PATH}/<fault>` });
  const action = ACTIONS[name];
  if (!action) return sendJson(res, 404, { error: `unknown fault "${name}"; known: ${FAULT_NAMES.join(', ')}` });
  if (!req.headers['content-type'] || mediaType(req) !== 'application/json') return sendJson(res, 415, { error: 'send the arguments as application/json' });
  try {
    const body = await readArgs(req);
    const unknown = Object.keys(body).filter((k) => !action.keys.includes(k));
    if (unknown.length) throw new FaultError(400, `unknown argument ${unknown.join(', ')} for ${name}${action.keys.length ? ` (takes ${action.keys.join(', ')})` : ' (takes none)'}`);
    const message = action.run(inj, body, res);
    sendJson(res, 200, { message, faults: inj.list() });
  } catch (e) {
    if (e instanceof FaultError) return sendJson(res, e.status, { error: e.message });
    throw e;
  }
}
