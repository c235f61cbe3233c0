// A minimal DNS client for the socket tests, built on dns-packet: one UDP socket that collects
// replies by id, and TCP exchanges with two-byte framing. Not used by product code.

import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { decode, encode, RECURSION_DESIRED } from 'dns-packet';
import type { DecodedPacket, Packet } from 'dns-packet';

let nextId = 1;

export function query(name: string, type = 'A', f: { edns?: number; flags?: number; id?: number } = {}): Buffer {
  const packet: Packet = {
    type: 'query',
    id: f.id ?? (nextId++ & 0xffff),
    flags: f.flags ?? RECURSION_DESIRED,
    questions: [{ name, type: type as 'A' }],
    additionals: f.edns ? [{ type: 'OPT', name: '.', udpPayloadSize: f.edns, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [],
  };
  return encode(packet);
}

export const idOf = (msg: Buffer) => msg.readUInt16BE(0);

/** Rcode names by number, including the EDNS-extended BADVERS. */
export function rcodeOf(p: DecodedPacket): string {
  const opt = (p.additionals ?? []).find((a) => a.type === 'OPT') as { extendedRcode?: number } | undefined;
  const code = ((opt?.extendedRcode ?? 0) << 4) | ((p.flags ?? 0) & 0xf);
  return ({ 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 16: 'BADVERS' } as Record<number, string>)[code] ?? String(code);
}

export interface UdpClient {
  /** Sends every message, then resolves with the reply to the last one (by id); replies to the others are kept. */
  exchange(...msgs: Buffer[]): Promise<Buffer>;
  /** Every reply received so far, by id. */
  replies: Map<number, Buffer>;
  close(): void;
}

export function udpClient(port: number, timeoutMs = 3000): UdpClient {
  const sock = createSocket('udp4');
  const replies = new Map<number, Buffer>();
  const waiters = new Map<number, (b: Buffer) => void>();
  sock.on('message', (msg) => {
    if (msg.length < 2) return;
    replies.set(idOf(msg), msg);
    waiters.get(idOf(msg))?.(msg);
  });
  return {
    replies,
    exchange(...msgs) {
      const last = msgs[msgs.length - 1];
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no UDP reply to id ${idOf(last)}`)), timeoutMs);
        waiters.set(idOf(last), (b) => { clearTimeout(timer); ok(b); });
        for (const m of msgs) sock.send(m, port, '127.0.0.1');
      });
    },
    close: () => sock.close(),
  };
}

export interface TcpResult {
  replies: Buffer[];
  /** True when the server closed the connection before we did. */
  closedByServer: boolean;
}

/**
 * Writes `chunks` one by one on a fresh connection, then waits until `expect` replies came
 * (and closes) or the server closes, or the timeout passes.
 */
export function tcpExchange(port: number, chunks: Buffer[], expect: number, timeoutMs = 3000): Promise<TcpResult> {
  return new Promise((ok, fail) => {
    const sock = connect(port, '127.0.0.1');
    const replies: Buffer[] = [];
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      ok({ replies, closedByServer });
    };
    const timer = setTimeout(() => { done = true; sock.destroy(); fail(new Error(`TCP: ${replies.length} of ${expect} replies`)); }, timeoutMs);
    sock.on('connect', () => { for (const c of chunks) sock.write(c); });
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        replies.push(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (replies.length >= expect) finish(false);
    });
    sock.on('close', () => finish(true));
    sock.on('error', () => finish(true));
  });
}

export function frame(msg: Buffer): Buffer {
  const out = Buffer.alloc(2 + msg.length);
  out.writeUInt16BE(msg.length, 0);
  msg.copy(out, 2);
  return out;
}

export { decode };
