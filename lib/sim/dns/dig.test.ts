// Debian's dig against the DNS server of an embedded cluster seeded with the workshop's web/nginx
// StatefulSet (real controllers, instant speed): what a learner types must print what a cluster
// with CoreDNS prints. Skipped, with a message, where dig is not installed.

import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster.ts';
import { R } from '../resources.ts';
import { resolve } from './resolve.ts';
import { startDnsServer, type DnsServer } from './server.ts';

const HAS_DIG = spawnSync('dig', ['-v'], { stdio: 'ignore' }).status === 0;
if (!HAS_DIG) console.warn('dig not found on PATH: skipping the dig tests (install bind9-dnsutils / dnsutils to run them)');

let cluster: EmbeddedCluster;
let dns: DnsServer;
const ips: Record<string, string> = {};

// Asynchronous on purpose: the server runs in this process, so spawnSync would block it.
function dig(...args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn('dig', ['@127.0.0.1', '-p', String(dns.port), '+time=2', '+tries=1', ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(`dig ${args.join(' ')} exited ${code}: ${err}${out}`))));
  });
}

const lines = (out: string) => out.trim().split('\n').filter(Boolean).sort();
const status = (out: string) => /status: ([A-Z]+)/.exec(out)?.[1];

/** Real time, bounded: the controllers run on the real clock at instant speed. */
async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`the embedded cluster did not get there within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!HAS_DIG)('dig against the embedded cluster', () => {
  beforeAll(async () => {
    cluster = await startEmbeddedCluster({ speed: 'instant' });
    dns = await startDnsServer(cluster.store, {});
    await until(() => resolve(cluster.store, 'nginx.default.svc.cluster.local', 'A').answers.length === 2);
    for (const name of ['web-0', 'web-1']) ips[name] = (cluster.store.get(R.pods, 'default', name)!.status as { podIP: string }).podIP;
  });
  afterAll(async () => {
    await dns?.close();
    await cluster?.stop();
  });

  it('per-pod names, the headless Service and the kubernetes ClusterIP (UDP and TCP)', async () => {
    expect(lines(await dig('web-0.nginx.default.svc.cluster.local', '+short'))).toEqual([ips['web-0']]);
    expect(lines(await dig('+tcp', 'web-1.nginx.default.svc.cluster.local', '+short'))).toEqual([ips['web-1']]);
    expect(lines(await dig('nginx.default.svc.cluster.local', '+short'))).toEqual([ips['web-0'], ips['web-1']].sort());
    expect(lines(await dig('kubernetes.default.svc.cluster.local', '+short'))).toEqual(['10.96.0.1']);
  });

  it('SRV, PTR and the schema version', async () => {
    expect(lines(await dig('SRV', '_web._tcp.nginx.default.svc.cluster.local', '+short'))).toEqual([
      '0 100 80 web-0.nginx.default.svc.cluster.local.',
      '0 100 80 web-1.nginx.default.svc.cluster.local.',
    ]);
    expect(lines(await dig('-x', ips['web-0'], '+short'))).toEqual(['web-0.nginx.default.svc.cluster.local.']);
    expect(lines(await dig('-x', '10.96.0.1', '+short'))).toEqual(['kubernetes.default.svc.cluster.local.']);
    expect(lines(await dig('TXT', 'dns-version.cluster.local', '+short'))).toEqual(['"1.1.0"']);
  });

  it('status lines: NXDOMAIN with aa, NODATA, REFUSED outside the zone; dig parses every reply', async () => {
    const nx = await dig('web-7.nginx.default.svc.cluster.local');
    expect(status(nx)).toBe('NXDOMAIN');
    expect(nx).toMatch(/flags: qr aa rd;/);
    expect(nx).toMatch(/cluster\.local\.\s+5\s+IN\s+SOA\s+ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\./);
    const nodata = await dig('AAAA', 'nginx.default.svc.cluster.local');
    expect(status(nodata)).toBe('NOERROR');
    expect(nodata).toMatch(/ANSWER: 0, AUTHORITY: 1/);
    expect(status(await dig('example.com'))).toBe('REFUSED');
    for (const out of [nx, nodata]) expect(out).not.toMatch(/malformed|mismatch|FORMERR/i);
  });

  it('follows the StatefulSet: scaled to 1, web-1 leaves the EndpointSlice and DNS', async () => {
    const sts = structuredClone(cluster.store.get(R.statefulsets, 'default', 'web')!);
    (sts.spec as { replicas: number }).replicas = 1;
    cluster.store.update(R.statefulsets, sts);
    const slices = () => cluster.store.list(R.endpointSlices, 'default').flatMap((s) => (s.endpoints ?? []) as Array<{ hostname?: string }>);
    await until(() => !slices().some((e) => e.hostname === 'web-1'));
    expect(lines(await dig('nginx.default.svc.cluster.local', '+short'))).toEqual([ips['web-0']]);
    expect(status(await dig('web-1.nginx.default.svc.cluster.local'))).toBe('NXDOMAIN');
  });
});
