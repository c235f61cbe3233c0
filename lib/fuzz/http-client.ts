// A raw HTTP client for the bad-input tests: sends exactly the request line, headers and body it
// is given (fetch would normalise `..` and percent-encodings away), and gives up after a timeout
// so that a hang is a failure, not a stuck test. Test-only.

import { request } from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function send(base: string, r: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined && !r.chunked) headers['content-length'] = String(Buffer.byteLength(r.body));
    const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms to ${r.method} ${r.path.slice(0, 200)}`));
    }, timeoutMs);
    req.on('response', (res) => {
      const isWatch = /[?&]watch=(true|1)(&|$)/.test(r.path) && res.statusCode === 200;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        // A watch that opened streams until the timeout: its first bytes are answer enough.
        if (isWatch) res.destroy();
      });
      const done = () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      };
      res.on('end', done);
      res.on('close', done);
      if (isWatch) setTimeout(() => res.destroy(), 200);
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
