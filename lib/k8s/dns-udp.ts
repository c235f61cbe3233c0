// A small DNS client for one question to one server: UDP first (with EDNS, 1232-byte replies),
// TCP when the reply comes back truncated, as a stub resolver does. Used to ask the embedded
// cluster's DNS server (STS_DNS_SERVER) what a pod would get.
//
// Contracts:
// - Never rejects: a server that does not answer in timeoutMs gives rcode TIMEOUT; an
//   unreadable reply or a socket error gives SERVFAIL with `error` set.
// - A reply is accepted only with the query's id and question name (case-insensitive), so a
//   late reply to an earlier question is ignored.
// - NOERROR without records of the asked type (nor a CNAME) is reported as NODATA.
// - Only A, SRV and CNAME answers are returned; names are lower case, without the trailing dot.

import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { connect } from 'node:net';
import { decode, encode, RECURSION_DESIRED } from 'dns-packet';
import type { Answer, DecodedPacket } from 'dns-packet';
import type { DnsQueryType, DnsRecordView, DnsStepRcode } from '../topology/dns-lookup-types.ts';

export interface DnsServerAddress {
  host: string;
  port: number;
}

export interface WireAnswer {
  rcode: DnsStepRcode;
  records: DnsRecordView[];
  /** What went wrong, when rcode is TIMEOUT or SERVFAIL because of the client side. */
  error?: string;
}

/** "127.0.0.1:5353" or "[::1]:5353"; null for anything else. */
export function parseDnsServer(value: string): DnsServerAddress | null {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/.exec(value.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  const host = m[1] ?? m[2];
  if (m[2] && m[2].split('.').some((o) => Number(o) > 255)) return null;
  if (m[1] && !isIPv6(m[1])) return null;
  return { host, port };
}

export function formatDnsServer(s: DnsServerAddress): string {
  return isIPv6(s.host) ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

const EDNS_PAYLOAD = 1232;

function queryPacket(id: number, name: string, type: DnsQueryType): Buffer {
  return encode({
    type: 'query',
    id,
    flags: RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  });
}

function recordView(a: Answer): DnsRecordView | null {
  const name = a.name.replace(/\.$/, '').toLowerCase();
  if (a.type === 'A' || a.type === 'CNAME') return { name, type: a.type, data: String(a.data).replace(/\.$/, '').toLowerCase() };
  if (a.type === 'SRV') {
    const d = a.data;
    return { name, type: 'SRV', data: `${d.priority ?? 0} ${d.weight ?? 0} ${d.port} ${d.target.replace(/\.$/, '').toLowerCase()}` };
  }
  return null;
}

/** The answer a decoded reply carries for `type`. */
export function answerOf(reply: DecodedPacket, type: DnsQueryType): WireAnswer {
  const code = (reply.flags ?? 0) & 0xf;
  if (code === 3) return { rcode: 'NXDOMAIN', records: [] };
  if (code === 5) return { rcode: 'REFUSED', records: [] };
  if (code !== 0) return { rcode: 'SERVFAIL', records: [], error: `the server answered rcode ${code}` };
  const all = (reply.answers ?? []).map(recordView).filter((r): r is DnsRecordView => r !== null);
  const records = all.filter((r) => r.type === type || r.type === 'CNAME');
  return records.length > 0 ? { rcode: 'NOERROR', records } : { rcode: 'NODATA', records: [] };
}

function matches(reply: DecodedPacket, id: number, name: string): boolean {
  return reply.id === id && reply.type === 'response' && reply.questions?.[0]?.name.toLowerCase() === name.toLowerCase();
}

export interface QueryOptions {
  timeoutMs?: number;
  /** Query id source (tests). */
  randomId?: () => number;
}

/** Asks `server` for `name` (a fully qualified name, no trailing dot needed). */
export async function queryDnsServer(server: DnsServerAddress, name: string, type: DnsQueryType, opts: QueryOptions = {}): Promise<WireAnswer> {
  const timeoutMs = opts.timeoutMs ?? 1000;
  const id = (opts.randomId ?? (() => randomInt(0, 0x10000)))();
  const msg = queryPacket(id, name, type);
  const udp = await exchangeUdp(server, msg, id, name, timeoutMs);
  if ('failed' in udp) return udp.failed;
  if (!udp.reply.flag_tc) return answerOf(udp.reply, type);
  const tcp = await exchangeTcp(server, msg, id, name, timeoutMs);
  return 'failed' in tcp ? tcp.failed : answerOf(tcp.reply, type);
}

type Exchange = { reply: DecodedPacket } | { failed: WireAnswer };

const failed = (rcode: 'TIMEOUT' | 'SERVFAIL', error: string): Exchange => ({ failed: { rcode, records: [], error } });

function exchangeUdp(server: DnsServerAddress, msg: Buffer, id: number, name: string, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const sock = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    let done = false;
    const finish = (r: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.close();
      resolve(r);
    };
    const timer = setTimeout(() => finish(failed('TIMEOUT', `no answer from ${formatDnsServer(server)} within ${timeoutMs} ms`)), timeoutMs);
    sock.on('message', (buf) => {
      let reply: DecodedPacket;
      try { reply = decode(buf); } catch { return; }
      if (matches(reply, id, name)) finish({ reply });
    });
    sock.on('error', (e) => finish(failed('SERVFAIL', e.message)));
    sock.send(msg, server.port, server.host, (e) => { if (e) finish(failed('SERVFAIL', e.message)); });
  });
}

function exchangeTcp(server: DnsServerAddress, msg: Buffer, id: number, name: string, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const sock = connect(server.port, server.host);
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (r: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish(failed('TIMEOUT', `no TCP answer from ${formatDnsServer(server)} within ${timeoutMs} ms`)), timeoutMs);
    const framed = Buffer.alloc(2 + msg.length);
    framed.writeUInt16BE(msg.length, 0);
    msg.copy(framed, 2);
    sock.on('connect', () => sock.write(framed));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      try {
        const reply = decode(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        finish(matches(reply, id, name) ? { reply } : failed('SERVFAIL', 'the TCP reply did not match the question'));
      } catch {
        finish(failed('SERVFAIL', 'the TCP reply could not be decoded'));
      }
    });
    sock.on('error', (e) => finish(failed('SERVFAIL', e.message)));
    sock.on('close', () => finish(failed('SERVFAIL', 'the server closed the TCP connection without answering')));
  });
}
