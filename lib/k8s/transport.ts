// How the informers reach the API server: a raw JSON GET (lists) and a streaming watch, both
// through @kubernetes/client-node's HTTP layer and the kubeconfig's credentials (tokens, client
// certificates, exec plugins, in-cluster service account, proxies). Objects come back exactly as
// the server sent them: client-node's typed API clients would turn timestamps into Date objects
// and drop unknown fields, and the topology model reads the JSON as kubectl does.
// The watch is read here rather than through client-node's Watch, which hands out its
// AbortController only once response headers arrive (a watch still waiting for them cannot be
// cancelled and leaks) and aborts after 30 s of silence on the real clock; liveness is the
// reflector's watchdog's job, on the injected clock.

import { HttpMethod, IsomorphicFetchHttpLibrary, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../kube/types.ts';

export interface WatchCallbacks {
  /** One event of the stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (a Status object). */
  onEvent(type: string, object: KubeObject): void;
  /** The server answered 200: the watch is open. */
  onOpen(): void;
  /** The stream ended: err null for a clean end (the server's timeoutSeconds, or it closed). At most once, never after abort(). */
  onDone(err: unknown): void;
}

export interface WatchHandle {
  /** Ends the watch (and its connection) now; no callback fires afterwards. */
  abort(): void;
}

export interface KubeTransport {
  /** GET path as JSON; throws ClusterHttpError for a non-200 answer. */
  getJson(path: string, query?: Record<string, string>, signal?: AbortSignal): Promise<unknown>;
  watch(path: string, query: Record<string, string>, cb: WatchCallbacks): WatchHandle;
}

/** A non-200 answer. `code` and `body` are what describeClusterError (errors.ts) reads. */
export class ClusterHttpError extends Error {
  readonly code: number;
  readonly body: unknown;

  constructor(code: number, body: unknown, message?: string) {
    const status = body as { message?: string } | undefined;
    super(message ?? (typeof status?.message === 'string' ? status.message : `the API server answered ${code}`));
    this.name = 'ClusterHttpError';
    this.code = code;
    this.body = body;
  }
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

export interface ClientNodeTransportOptions {
  /** Upper bound for one list request (ms). */
  requestTimeoutMs?: number;
}

export function clientNodeTransport(kc: KubeConfig, opts: ClientNodeTransportOptions = {}): KubeTransport {
  const http = new IsomorphicFetchHttpLibrary();
  const requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;

  const request = async (path: string, query: Record<string, string>, signal: AbortSignal) => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('no cluster configured: the kubeconfig has no current context');
    const url = new URL(cluster.server.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const ctx = new RequestContext(url.toString(), HttpMethod.GET);
    ctx.setHeaderParam('Accept', 'application/json');
    await kc.applySecurityAuthentication(ctx);
    ctx.setSignal(signal);
    const resp = await http.send(ctx).toPromise();
    if (resp.httpStatusCode !== 200) {
      const text = await resp.body.text().catch(() => '');
      throw new ClusterHttpError(resp.httpStatusCode, parseJson(text) ?? text);
    }
    return resp;
  };

  return {
    async getJson(path, query = {}, signal) {
      const timeout = AbortSignal.timeout(requestTimeoutMs);
      const resp = await request(path, query, signal ? AbortSignal.any([signal, timeout]) : timeout);
      const json = parseJson(await resp.body.text());
      if (json === undefined) throw new Error(`the API server sent a body that is not JSON for ${path}`);
      return json;
    },

    watch(path, query, cb) {
      const abort = new AbortController();
      let ended = false;
      const end = (err: unknown) => {
        if (ended || abort.signal.aborted) return;
        ended = true;
        cb.onDone(err);
      };
      const run = async () => {
        const resp = await request(path, { ...query, watch: 'true' }, abort.signal);
        const body = resp.body.stream();
        if (!body) throw new Error('the watch answer has no body');
        if (abort.signal.aborted) return;
        cb.onOpen();
        await readLines(body, abort.signal, (line) => {
          const ev = parseJson(line) as { type?: string; object?: KubeObject } | undefined;
          if (!ev || typeof ev.type !== 'string') throw new Error(`the watch sent a line that is not an event: ${line.slice(0, 80)}`);
          if (!abort.signal.aborted) cb.onEvent(ev.type, ev.object as KubeObject);
        });
        end(null);
      };
      run().catch((e) => {
        end(e);
        abort.abort();
      });
      return { abort: () => abort.abort() };
    },
  };
}

/** Calls onLine for every non-empty line of a byte stream (newline-delimited JSON). */
async function readLines(body: ReadableStream<Uint8Array>, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) onLine(line);
      }
    }
    const rest = (buf + decoder.decode()).trim();
    if (rest && !signal.aborted) onLine(rest);
  } finally {
    reader.releaseLock();
  }
}
