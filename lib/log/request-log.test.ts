// The request log sees every request of a Node HTTP server, once, when its response is done.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { logRequest, observeRequests, requestLevel } from './request-log.ts';

let stop: (() => void) | null = null;
afterEach(() => { stop?.(); stop = null; });

describe('observeRequests + logRequest', () => {
  it('logs method, path without query, status and duration; an aborted stream says so', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger({ level: () => 'debug', write: (l) => lines.push(JSON.parse(l)) });
    stop = observeRequests((r) => logRequest(log, r));
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/api/stream')) { res.writeHead(200); res.write('data: 1\n\n'); return; }
      res.writeHead(req.url?.startsWith('/api/missing') ? 404 : 200);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${base}/api/namespaces?token=hunter2hunter2hunter2`)).text();
      await (await fetch(`${base}/api/missing`, { method: 'DELETE' })).text();
      const abort = new AbortController();
      const r = await fetch(`${base}/api/stream`, { signal: abort.signal });
      await r.body!.getReader().read();
      abort.abort();
      await expect.poll(() => lines.length).toBe(3);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/api/namespaces', status: 200 });
    expect(typeof lines[0].ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(lines[1]).toMatchObject({ method: 'DELETE', path: '/api/missing', status: 404 });
    expect(lines[2]).toMatchObject({ path: '/api/stream', status: 200, aborted: true });
  });

  it('keeps probes, scrapes and pages at debug', () => {
    expect(requestLevel('/api/readyz')).toBe('debug');
    expect(requestLevel('/api/metrics')).toBe('debug');
    expect(requestLevel('/namespaces/default/statefulsets/web')).toBe('debug');
    expect(requestLevel('/api/namespaces/default/statefulsets/web/scale')).toBe('info');
  });
});
