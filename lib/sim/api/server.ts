// The embedded cluster's HTTP API server: plain HTTP on a loopback address, speaking enough of
// the Kubernetes REST API that kubectl and @kubernetes/client-node work against it unchanged.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.ts';
import { apiGroupDoc, apiGroupList, apiResourceList, coreVersions, openApiGroupVersion, openApiRoot, SERVER_VERSION } from './discovery.ts';
import { handleCreate, handleDelete, handleDeleteCollection, handleGet, handleList, handlePatch, handleUpdate, type HandlerContext } from './handlers.ts';
import { parseResourcePath, requestUrl, sendError, sendJson } from './request.ts';
import { errors } from './status.ts';
import type { OpenWatch, WatchHooks } from './watch.ts';

/** A hook that may answer a request itself (fault injection, authorisation); returns true if it did. */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface ApiServerOptions {
  store: Store;
  host?: string;
  port?: number;
  bookmarkIntervalMs?: number;
  interceptors?: RequestInterceptor[];
  log?: (line: string) => void;
}

export interface ApiServer {
  url: string;
  port: number;
  server: Server;
  /** Open watch streams, for fault injection. */
  watches: Set<OpenWatch>;
  close(): Promise<void>;
}

function discovery(pathname: string): unknown {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/version') return SERVER_VERSION;
  if (p === '/api') return coreVersions();
  if (p === '/apis') return apiGroupList();
  if (p === '/healthz' || p === '/readyz' || p === '/livez') return 'ok';
  if (p === '/openapi/v3') return openApiRoot();
  if (p.startsWith('/openapi/v3/')) return openApiGroupVersion(p.slice('/openapi/v3/'.length));
  let m = /^\/api\/(v1)$/.exec(p);
  if (m) return apiResourceList('', m[1]);
  m = /^\/apis\/([^/]+)$/.exec(p);
  if (m) return apiGroupDoc(m[1]);
  m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m) return apiResourceList(m[1], m[2]);
  return undefined;
}

async function route(ctx: Omit<HandlerContext, 'route'>, url: URL): Promise<void> {
  const { req, res } = ctx;
  const method = req.method ?? 'GET';
  const doc = method === 'GET' ? discovery(url.pathname) : undefined;
  if (doc === 'ok') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }
  if (doc !== undefined) return sendJson(res, 200, doc);
  const r = parseResourcePath(url.pathname);
  if (!r) throw errors.notFoundPath();
  const c: HandlerContext = { ...ctx, route: r };
  const hasName = r.name !== undefined;
  switch (method) {
    case 'GET': return hasName ? handleGet(c) : handleList(c);
    case 'POST': if (!hasName) return handleCreate(c); break;
    case 'PUT': if (hasName) return handleUpdate(c); break;
    case 'PATCH': if (hasName) return handlePatch(c); break;
    case 'DELETE':
      if (r.sub) break;
      return hasName ? handleDelete(c) : handleDeleteCollection(c);
  }
  throw errors.methodNotAllowed();
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const watches = new Set<OpenWatch>();
  const watchHooks: WatchHooks = {
    now: () => opts.store.clock.now(),
    bookmarkIntervalMs: opts.bookmarkIntervalMs,
    register: (w) => { watches.add(w); return () => watches.delete(w); },
  };
  const server = createServer(async (req, res) => {
    try {
      const url = requestUrl(req.url);
      for (const icpt of opts.interceptors ?? []) if (await icpt(req, res, url)) return;
      await route({ store: opts.store, query: url.searchParams, req, res, watchHooks }, url);
    } catch (e) {
      sendError(res, e);
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    watches,
    close: () => new Promise<void>((resolve) => {
      for (const w of [...watches]) w.drop();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
