// The DNS clients (UDP with TCP fallback, and node:dns) against the embedded DNS server over
// real sockets, and what they make of a server that stays silent or answers the wrong question.

import { createSocket, type Socket } from 'node:dgram';
import { decode, encode } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../sim/dns/server.ts';
import { addService, addSlice, dnsTestStore } from '../sim/dns/testing.ts';
import { querySystemDns } from './dns-system.ts';
import { parseDnsServer, queryDnsServer, type DnsServerAddress } from './dns-udp.ts';

let dns: DnsServer;
let server: DnsServerAddress;

beforeAll(async () => {
  const store = dnsTestStore();
  addService(store, 'nginx');
  addSlice(store, 'nginx', [{ ip: '10.244.1.5', hostname: 'web-0', ready: true, pod: 'web-0' }, { ip: '10.244.2.5', hostname: 'web-1', ready: false, pod: 'web-1' }]);
  addService(store, 'api', { clusterIP: '10.96.12.34', ports: [{ name: 'http', port: 80 }] });
  addService(store, 'many');
  addSlice(store, 'many', Array.from({ length: 100 }, (_, i) => ({ ip: `10.244.9.${i + 1}`, ready: true })));
  dns = await startDnsServer(store, {});
  server = { host: '127.0.0.1', port: dns.port };
});
afterAll(async () => { await dns.close(); });

describe('queryDnsServer (UDP, TCP when truncated)', () => {
  it('answers A, SRV, NXDOMAIN, NODATA and REFUSED as the server says', async () => {
    expect(await queryDnsServer(server, 'web-0.nginx.default.svc.cluster.local', 'A')).toEqual({
      rcode: 'NOERROR', records: [{ name: 'web-0.nginx.default.svc.cluster.local', type: 'A', data: '10.244.1.5' }],
    });
    expect(await queryDnsServer(server, '_web._tcp.nginx.default.svc.cluster.local', 'SRV')).toEqual({
      rcode: 'NOERROR', records: [{ name: '_web._tcp.nginx.default.svc.cluster.local', type: 'SRV', data: '0 100 80 web-0.nginx.default.svc.cluster.local' }],
    });
    expect(await queryDnsServer(server, 'web-1.nginx.default.svc.cluster.local', 'A')).toEqual({ rcode: 'NXDOMAIN', records: [] });
    expect(await queryDnsServer(server, 'web-0.nginx.default.svc.cluster.local', 'SRV')).toEqual({ rcode: 'NODATA', records: [] });
    expect(await queryDnsServer(server, 'example.com', 'A')).toEqual({ rcode: 'REFUSED', records: [] });
  });

  it('retries over TCP when the UDP reply is truncated (100 A records do not fit in 1232 bytes)', async () => {
    const r = await queryDnsServer(server, 'many.default.svc.cluster.local', 'A');
    expect(r.rcode).toBe('NOERROR');
    expect(r.records).toHaveLength(100);
  });

  it('gives TIMEOUT for a server that never answers, and ignores replies to another question', async () => {
    const fake = await fakeServer((msg, reply) => {
      const q = decode(msg);
      // A reply with the right id to a different name: must be ignored.
      reply(encode({ type: 'response', id: q.id, flags: 0, questions: [{ name: 'other.example', type: 'A' }], answers: [{ name: 'other.example', type: 'A', data: '1.2.3.4' }] }));
    });
    try {
      const r = await queryDnsServer({ host: '127.0.0.1', port: fake.port }, 'web-0.nginx.default.svc.cluster.local', 'A', { timeoutMs: 200 });
      expect(r.rcode).toBe('TIMEOUT');
      expect(r.error).toMatch(/within 200 ms/);
    } finally {
      fake.sock.close();
    }
  });
});

describe('querySystemDns (node:dns)', () => {
  it('reads the same answers through node:dns when pointed at the server', async () => {
    const servers = [`127.0.0.1:${dns.port}`];
    expect(await querySystemDns('web-0.nginx.default.svc.cluster.local', 'A', { servers })).toEqual({
      rcode: 'NOERROR', records: [{ name: 'web-0.nginx.default.svc.cluster.local', type: 'A', data: '10.244.1.5' }],
    });
    expect(await querySystemDns('_http._tcp.api.default.svc.cluster.local', 'SRV', { servers })).toEqual({
      rcode: 'NOERROR', records: [{ name: '_http._tcp.api.default.svc.cluster.local', type: 'SRV', data: '0 100 80 api.default.svc.cluster.local' }],
    });
    expect((await querySystemDns('web-1.nginx.default.svc.cluster.local', 'A', { servers })).rcode).toBe('NXDOMAIN');
    expect((await querySystemDns('web-0.nginx.default.svc.cluster.local', 'SRV', { servers })).rcode).toBe('NODATA');
  });
});

describe('parseDnsServer', () => {
  it('takes <ipv4>:<port> and [<ipv6>]:<port> only', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseDnsServer('[::1]:53')).toEqual({ host: '::1', port: 53 });
    for (const bad of ['127.0.0.1', 'localhost:53', '127.0.0.1:0', '127.0.0.1:70000', '300.0.0.1:53', '[nope]:53', '']) {
      expect(parseDnsServer(bad), bad).toBeNull();
    }
  });
});

async function fakeServer(onQuery: (msg: Buffer, reply: (b: Buffer) => void) => void): Promise<{ sock: Socket; port: number }> {
  const sock = createSocket('udp4');
  sock.on('message', (msg, rinfo) => onQuery(msg, (b) => sock.send(b, rinfo.port, rinfo.address)));
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  return { sock, port: sock.address().port };
}
