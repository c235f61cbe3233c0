// The embedded cluster's DNS server: UDP and TCP on one port, answering from the store through
// resolve() at query time (so answers follow the EndpointSlices immediately).
//
// Contracts:
// - Listens on host (default 127.0.0.1) and port (default 0: one free port for both UDP and
//   TCP); resolves once both listen, rejects with the listen error (e.g. EADDRINUSE).
// - TCP: RFC 1035 two-byte length framing, several queries per connection, answered in order.
//   A frame shorter than a DNS header, or a message that deserves no reply, closes the
//   connection; so does idleness (tcpIdleMs, default 30 s).
// - Bad input never throws out of a handler (see wire.ts for what each gets back).
// - close() stops both listeners and ends open TCP connections; it may be called twice.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { Store } from '../store/store.ts';
import { IPV4 } from './records.ts';
import { DEFAULT_TTL, normalizeDomain, resolve } from './resolve.ts';
import { respond, type Answerer } from './wire.ts';

export interface DnsServerOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  clusterDomain?: string;
  /** Record TTL in seconds (default 5). */
  ttl?: number;
  tcpIdleMs?: number;
  /** Where listener errors after start-up go (default console.error). */
  log?: (line: string) => void;
}

export interface DnsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const MAX_TCP_CONNECTIONS = 256;
const FREE_PORT_ATTEMPTS = 10;

export async function startDnsServer(store: Store, opts: DnsServerOptions = {}): Promise<DnsServer> {
  const host = opts.host ?? '127.0.0.1';
  const clusterDomain = normalizeDomain(opts.clusterDomain ?? 'cluster.local');
  const nsAddress = IPV4.test(host) && host !== '0.0.0.0' ? host : undefined;
  const ttl = opts.ttl ?? DEFAULT_TTL;
  const answer: Answerer = (qname, qtype) => resolve(store, qname, qtype, clusterDomain, { ttl, nsAddress });
  const log = opts.log ?? ((line: string) => console.error(line));
  const sockets = new Set<Socket>();

  const { udp, tcp, port } = await listenBoth(host, opts.port ?? 0);
  udp.on('message', (msg, from) => {
    const out = respond(msg, 'udp', answer);
    if (out) udp.send(out, from.port, from.address, () => { /* a lost UDP reply is the client's retry */ });
  });
  udp.on('error', (err) => log(`dns: udp: ${err.message}`));
  tcp.maxConnections = MAX_TCP_CONNECTIONS;
  tcp.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveTcpConnection(socket, answer, opts.tcpIdleMs ?? 30_000);
  });
  tcp.on('error', (err) => log(`dns: tcp: ${err.message}`));

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= Promise.all([
    new Promise<void>((done) => udp.close(() => done())),
    new Promise<void>((done) => {
      tcp.close(() => done());
      for (const s of sockets) s.destroy();
    }),
  ]).then(() => undefined));
  return { host, port, close };
}

function serveTcpConnection(socket: Socket, answer: Answerer, idleMs: number): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.setTimeout(idleMs, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 2) {
      const len = pending.readUInt16BE(0);
      if (len < 12) return void socket.destroy();
      if (pending.length < 2 + len) return;
      const out = respond(pending.subarray(2, 2 + len), 'tcp', answer);
      pending = pending.subarray(2 + len);
      if (!out) return void socket.destroy();
      const frame = Buffer.alloc(2 + out.length);
      frame.writeUInt16BE(out.length, 0);
      out.copy(frame, 2);
      // A client that sends without reading stops being read until it catches up.
      if (!socket.write(frame)) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    }
  });
}

async function listenBoth(host: string, port: number): Promise<{ udp: UdpSocket; tcp: Server; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    try {
      await new Promise<void>((ok, fail) => {
        udp.once('error', fail);
        udp.bind(port, host, () => { udp.off('error', fail); ok(); });
      });
    } catch (err) {
      closeQuietly(udp);
      throw err;
    }
    const bound = udp.address().port;
    const tcp = createServer();
    try {
      await new Promise<void>((ok, fail) => {
        tcp.once('error', fail);
        tcp.listen(bound, host, () => { tcp.off('error', fail); ok(); });
      });
      return { udp, tcp, port: bound };
    } catch (err) {
      closeQuietly(udp);
      // With port 0 the TCP port may be taken although the UDP one was free: pick again.
      if (port !== 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= FREE_PORT_ATTEMPTS) throw err;
    }
  }
}

function closeQuietly(udp: UdpSocket): void {
  try {
    udp.close();
  } catch {
    // already closed by the failed bind
  }
}
