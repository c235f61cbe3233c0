// A TCP proxy between the browser and the dashboard, for tests that need the browser's own
// connection to break the way a network does: cut every open connection (the SSE stream with
// it), and refuse new ones for a while. Test-only.

import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** http://127.0.0.1:<port>, forwarding to the target. */
  url: string;
  /** Cuts every open connection; while down, new ones are reset at once. */
  cut(opts: { down: boolean }): void;
  /** Accepts connections again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const t = new URL(target);
  const open = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) { client.destroy(); return; }
    const upstream = connect(Number(t.port), t.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut(opts) {
      down = opts.down;
      for (const s of [...open]) s.destroy();
    },
    restore() { down = false; },
    close: () => new Promise<void>((res) => {
      for (const s of [...open]) s.destroy();
      server.close(() => res());
    }),
  };
}
