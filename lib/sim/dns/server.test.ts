// The DNS server over real sockets (UDP and TCP, dns-packet as the client), and what bad input
// gets back: the right rcode or nothing, and the server keeps answering afterwards.

import { createServer } from 'node:net';
import fc from 'fast-check';
import { AUTHORITATIVE_ANSWER, CHECKING_DISABLED, RECURSION_AVAILABLE, RECURSION_DESIRED, TRUNCATED_RESPONSE } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';
import { startDnsServer, type DnsServer } from './server.ts';
import { decode, frame, idOf, query, rcodeOf, tcpExchange, udpClient, type UdpClient } from './test-client.ts';
import { addService, addSlice, dnsTestStore } from './testing.ts';
import { respond } from './wire.ts';
import { resolve } from './resolve.ts';

let store: Store;
let dns: DnsServer;
let udp: UdpClient;

beforeAll(async () => {
  store = dnsTestStore();
  addService(store, 'nginx');
  addSlice(store, 'nginx', [{ ip: '10.244.1.5', hostname: 'web-0', ready: true }, { ip: '10.244.2.5', hostname: 'web-1', ready: false }]);
  addService(store, 'api', { clusterIP: '10.96.12.34', ports: [{ name: 'http', port: 80 }] });
  addService(store, 'many');
  addSlice(store, 'many', Array.from({ length: 40 }, (_, i) => ({ ip: `10.244.9.${i + 1}`, ready: true })));
  dns = await startDnsServer(store, {});
  udp = udpClient(dns.port);
});
afterAll(async () => {
  udp.close();
  await dns.close();
});

const ask = async (msg: Buffer) => decode(await udp.exchange(msg));
const answerData = (p: ReturnType<typeof decode>) => (p.answers ?? []).map((a) => (a as { data: unknown }).data);

describe('over UDP and TCP', () => {
  it('answers with the id, AA set, RD and CD copied, RA clear, and the question echoed as asked', async () => {
    const msg = query('WEB-0.nginx.default.svc.cluster.local', 'A', { flags: RECURSION_DESIRED | CHECKING_DISABLED });
    const r = await ask(msg);
    expect(r.id).toBe(idOf(msg));
    expect(r.type).toBe('response');
    expect(r.flags! & (AUTHORITATIVE_ANSWER | RECURSION_DESIRED | CHECKING_DISABLED | RECURSION_AVAILABLE)).toBe(AUTHORITATIVE_ANSWER | RECURSION_DESIRED | CHECKING_DISABLED);
    expect(rcodeOf(r)).toBe('NOERROR');
    expect(r.questions).toEqual([{ name: 'WEB-0.nginx.default.svc.cluster.local', type: 'A', class: 'IN' }]);
    expect(r.answers).toEqual([{ name: 'WEB-0.nginx.default.svc.cluster.local', type: 'A', ttl: 5, class: 'IN', flush: false, data: '10.244.1.5' }]);
    const noRd = await ask(query('api.default.svc.cluster.local', 'A', { flags: 0 }));
    expect(noRd.flags! & RECURSION_DESIRED).toBe(0);
  });

  it('answers over TCP: several queries in one write, and one query split byte by byte', async () => {
    const a = query('api.default.svc.cluster.local', 'A');
    const b = query('_http._tcp.api.default.svc.cluster.local', 'SRV');
    const both = await tcpExchange(dns.port, [Buffer.concat([frame(a), frame(b)])], 2);
    expect(both.replies.map(idOf)).toEqual([idOf(a), idOf(b)]);
    expect(answerData(decode(both.replies[0]))).toEqual(['10.96.12.34']);
    expect(answerData(decode(both.replies[1]))).toEqual([{ priority: 0, weight: 100, port: 80, target: 'api.default.svc.cluster.local' }]);
    const c = query('web-0.nginx.default.svc.cluster.local', 'A');
    const split = await tcpExchange(dns.port, [...frame(c)].map((byte) => Buffer.from([byte])), 1);
    expect(answerData(decode(split.replies[0]))).toEqual(['10.244.1.5']);
  });

  it('NXDOMAIN and NODATA carry the zone SOA; the not-ready pod has no record', async () => {
    const nx = await ask(query('web-1.nginx.default.svc.cluster.local'));
    expect(rcodeOf(nx)).toBe('NXDOMAIN');
    expect(nx.flags! & AUTHORITATIVE_ANSWER).toBeTruthy();
    expect(nx.authorities).toMatchObject([{ name: 'cluster.local', type: 'SOA', data: { mname: 'ns.dns.cluster.local', minimum: 5 } }]);
    const nodata = await ask(query('nginx.default.svc.cluster.local', 'AAAA'));
    expect(rcodeOf(nodata)).toBe('NOERROR');
    expect(nodata.answers).toEqual([]);
    expect(nodata.authorities).toMatchObject([{ type: 'SOA' }]);
    expect(answerData(await ask(query('dns-version.cluster.local', 'TXT')))).toEqual([[Buffer.from('1.1.0')]]);
    expect(answerData(await ask(query('5.1.244.10.in-addr.arpa', 'PTR')))).toEqual(['web-0.nginx.default.svc.cluster.local']);
  });

  it('returns an OPT to EDNS queries', async () => {
    const r = await ask(query('api.default.svc.cluster.local', 'A', { edns: 4096 }));
    expect(r.additionals).toMatchObject([{ type: 'OPT', udpPayloadSize: 1232, ednsVersion: 0, flag_do: false }]);
    const plain = await ask(query('api.default.svc.cluster.local', 'A'));
    expect(plain.additionals).toEqual([]);
  });

  it('truncates answers too big for UDP (TC set, no records) and serves them whole over TCP', async () => {
    for (const edns of [undefined, 1232]) {
      const r = await ask(query('many.default.svc.cluster.local', 'A', { edns }));
      expect(r.flags! & TRUNCATED_RESPONSE).toBeTruthy();
      expect(r.answers).toEqual([]);
      expect(r.questions).toHaveLength(1);
    }
    const small = await ask(query('web-0.nginx.default.svc.cluster.local'));
    expect(small.flags! & TRUNCATED_RESPONSE).toBe(0);
    const tcp = await tcpExchange(dns.port, [frame(query('many.default.svc.cluster.local'))], 1);
    const whole = decode(tcp.replies[0]);
    expect(whole.flags! & TRUNCATED_RESPONSE).toBe(0);
    expect(whole.answers).toHaveLength(40);
  });

  it('answers change the moment the EndpointSlices change', async () => {
    addService(store, 'live');
    expect(rcodeOf(await ask(query('live.default.svc.cluster.local')))).toBe('NXDOMAIN');
    const slice = addSlice(store, 'live', [{ ip: '10.244.4.4', hostname: 'live-0', ready: false }]);
    expect(rcodeOf(await ask(query('live.default.svc.cluster.local')))).toBe('NXDOMAIN');
    const ready = structuredClone(slice);
    (ready.endpoints as Array<{ conditions: { ready: boolean } }>)[0].conditions.ready = true;
    store.update(R.endpointSlices, ready);
    expect(answerData(await ask(query('live-0.live.default.svc.cluster.local')))).toEqual(['10.244.4.4']);
  });

  it('refuses names outside its zones and classes other than IN, without AA', async () => {
    const out = await ask(query('example.com'));
    expect(rcodeOf(out)).toBe('REFUSED');
    expect(out.flags! & AUTHORITATIVE_ANSWER).toBe(0);
    const chaos = raw({ qd: 1, body: Buffer.concat([nameBytes(['version', 'bind']), u16(16), u16(3)]) });
    expect(rcodeOf(await ask(chaos))).toBe('REFUSED');
  });
});

// ---- raw packets ----

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n, 0);
  return b;
}

function nameBytes(labels: string[]): Buffer {
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
}

let rawId = 40000;
function raw(f: { id?: number; flags?: number; qd?: number; an?: number; ar?: number; body?: Buffer }): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(f.id ?? rawId++, 0);
  head.writeUInt16BE(f.flags ?? RECURSION_DESIRED, 2);
  head.writeUInt16BE(f.qd ?? 1, 4);
  head.writeUInt16BE(f.an ?? 0, 6);
  head.writeUInt16BE(f.ar ?? 0, 10);
  return Buffer.concat([head, f.body ?? Buffer.alloc(0)]);
}

const aQuestion = (labels = ['api', 'default', 'svc', 'cluster', 'local']) => Buffer.concat([nameBytes(labels), u16(1), u16(1)]);
const optRecord = (version = 0) => Buffer.concat([Buffer.from([0]), u16(41), u16(1232), Buffer.from([0, version]), u16(0), u16(0)]);
const answerer = (qname: string, qtype: string) => resolve(store, qname, qtype);

/** Sends `bad`, then a good query; returns the reply to `bad` if one came before the good one's. */
async function badThenGood(bad: Buffer): Promise<ReturnType<typeof decode> | undefined> {
  const good = query('api.default.svc.cluster.local');
  const reply = decode(await udp.exchange(bad, good));
  expect(answerData(reply)).toEqual(['10.96.12.34']);
  const got = udp.replies.get(idOf(bad));
  return got ? decode(got) : undefined;
}

describe('bad input', () => {
  it.each([
    ['two questions', 'FORMERR', raw({ qd: 2, body: Buffer.concat([aQuestion(), aQuestion()]) })],
    ['no question', 'FORMERR', raw({ qd: 0 })],
    ['opcode 2 (STATUS)', 'NOTIMP', raw({ flags: 2 << 11, body: aQuestion() })],
    ['opcode 5 (UPDATE)', 'NOTIMP', raw({ flags: 5 << 11, body: aQuestion() })],
    ['a 300-byte name', 'FORMERR', raw({ body: Buffer.concat([nameBytes(Array.from({ length: 5 }, () => 'a'.repeat(59))), u16(1), u16(1)]) })],
    ['a 64-byte label', 'FORMERR', raw({ body: Buffer.concat([Buffer.from([64]), Buffer.alloc(64, 0x61), Buffer.from([0]), u16(1), u16(1)]) })],
    ['a compression pointer loop', 'FORMERR', raw({ body: Buffer.concat([Buffer.from([0xc0, 12]), u16(1), u16(1)]) })],
    ['a dot inside a label', 'FORMERR', raw({ body: Buffer.concat([nameBytes(['api.default', 'svc', 'cluster', 'local']), u16(1), u16(1)]) })],
    ['a header promising an answer that is missing', 'FORMERR', raw({ an: 1, body: aQuestion() })],
    ['QTYPE OPT', 'FORMERR', raw({ body: Buffer.concat([nameBytes(['cluster', 'local']), u16(41), u16(1)]) })],
    ['two OPT records', 'FORMERR', raw({ ar: 2, body: Buffer.concat([aQuestion(), optRecord(), optRecord()]) })],
    ['EDNS version 1', 'BADVERS', raw({ ar: 1, body: Buffer.concat([aQuestion(), optRecord(1)]) })],
    ['an unknown type for an existing name', 'NOERROR', raw({ body: Buffer.concat([nameBytes(['api', 'default', 'svc', 'cluster', 'local']), u16(65280), u16(1)]) })],
  ] as Array<[string, string, Buffer]>)('%s → %s, and the server answers the next query', async (_what, rcode, bad) => {
    const reply = await badThenGood(bad);
    expect(reply, 'a reply').toBeDefined();
    expect(reply!.id).toBe(idOf(bad));
    expect(rcodeOf(reply!)).toBe(rcode);
    expect(reply!.answers).toEqual([]);
  });

  it('error replies keep the opcode, carry RD, and are never authoritative', async () => {
    const reply = await badThenGood(raw({ flags: (2 << 11) | RECURSION_DESIRED, body: aQuestion() }));
    expect((reply!.flags! >> 11) & 0xf).toBe(2);
    expect(reply!.flags! & RECURSION_DESIRED).toBeTruthy();
    expect(reply!.flags! & AUTHORITATIVE_ANSWER).toBe(0);
  });

  it('does not answer responses or packets shorter than a header', async () => {
    expect(await badThenGood(raw({ flags: 0x8000, body: aQuestion() }))).toBeUndefined();
    expect(await badThenGood(raw({ id: 41999 }).subarray(0, 11))).toBeUndefined();
    expect(udp.replies.has(41999)).toBe(false);
  });

  it('every truncation of a valid query gets FORMERR, or nothing below 12 bytes', () => {
    const good = raw({ ar: 1, body: Buffer.concat([aQuestion(), optRecord()]) });
    for (let cut = 0; cut < good.length; cut++) {
      const out = respond(good.subarray(0, cut), 'udp', answerer);
      if (cut < 12) expect(out, `cut ${cut}`).toBeNull();
      else expect(rcodeOf(decode(out!)), `cut ${cut}`).toBe('FORMERR');
    }
    expect(rcodeOf(decode(respond(good, 'udp', answerer)!))).toBe('NOERROR');
  });

  it('random bytes and mutated queries never throw; any reply is a well-formed response to that id', () => {
    const valid = query('_http._tcp.api.default.svc.cluster.local', 'SRV', { edns: 1232 });
    const mutated = fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })
      .map((edits) => { const b = Buffer.from(valid); for (const [i, v] of edits) b[i] = v; return b; });
    const random = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a));
    let replies = 0;
    fc.assert(fc.property(fc.oneof(random, mutated), (msg) => {
      const out = respond(msg, 'udp', answerer);
      if (!out) return;
      replies++;
      const p = decode(out);
      expect(p.type).toBe('response');
      expect(p.id).toBe(idOf(msg));
      expect(out.length).toBeLessThanOrEqual(1232);
    }), { seed: 20260101, numRuns: 3000 });
    expect(replies).toBeGreaterThan(100);
  });

  it('survives a burst of random datagrams and still answers', async () => {
    const burst = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a)), { seed: 7, numRuns: 200 });
    const reply = decode(await udp.exchange(...burst, query('web-0.nginx.default.svc.cluster.local')));
    expect(answerData(reply)).toEqual(['10.244.1.5']);
  });

  it('TCP: a frame shorter than a header or a response message closes the connection; others keep it open', async () => {
    const short = await tcpExchange(dns.port, [Buffer.from([0, 5, 1, 2, 3, 4, 5])], 1);
    expect(short).toEqual({ replies: [], closedByServer: true });
    const zero = await tcpExchange(dns.port, [Buffer.from([0, 0])], 1);
    expect(zero.closedByServer).toBe(true);
    const response = await tcpExchange(dns.port, [frame(raw({ flags: 0x8000, body: aQuestion() }))], 1);
    expect(response).toEqual({ replies: [], closedByServer: true });
    const bad = raw({ qd: 2, body: aQuestion() });
    const good = query('api.default.svc.cluster.local');
    const kept = await tcpExchange(dns.port, [frame(bad), frame(good)], 2);
    expect(kept.replies.map((r) => rcodeOf(decode(r)))).toEqual(['FORMERR', 'NOERROR']);
    const after = await tcpExchange(dns.port, [frame(good)], 1);
    expect(answerData(decode(after.replies[0]))).toEqual(['10.96.12.34']);
  });
});

describe('lifecycle', () => {
  it('rejects a taken port, closes twice without error, and frees its port', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const taken = (blocker.address() as { port: number }).port;
    await expect(startDnsServer(store, { port: taken })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await new Promise<void>((ok) => blocker.close(() => ok()));

    const s = await startDnsServer(store, { port: taken });
    expect(s.port).toBe(taken);
    await s.close();
    await s.close();
    const again = await startDnsServer(store, { port: taken });
    await again.close();
  });

  it('closes idle TCP connections', async () => {
    const s = await startDnsServer(store, { tcpIdleMs: 50 });
    try {
      expect(await tcpExchange(s.port, [], 1)).toEqual({ replies: [], closedByServer: true });
    } finally {
      await s.close();
    }
  });

  it('serves a configured cluster domain and TTL', async () => {
    const s = await startDnsServer(store, { clusterDomain: 'corp.internal', ttl: 30 });
    const c = udpClient(s.port);
    try {
      const r = decode(await c.exchange(query('api.default.svc.corp.internal')));
      expect(r.answers).toMatchObject([{ ttl: 30, data: '10.96.12.34' }]);
      expect(rcodeOf(decode(await c.exchange(query('api.default.svc.cluster.local'))))).toBe('REFUSED');
    } finally {
      c.close();
      await s.close();
    }
  });
});
