// GET /api/dns/lookup end to end, as Next.js calls it: against the embedded cluster (controllers
// and DNS server running) through the process-wide hub, with the environment the launcher sets.
// (Beside the lookup it serves: vitest does not collect tests under app/.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as lookup } from '../../app/api/dns/lookup/route.ts';
import { R } from '../sim/resources.ts';
import { getHub } from '../stream/server-hub.ts';
import type { DnsLookupResponse } from './dns-lookup.ts';
import { startTestCluster, until, type TestCluster } from './testdata/cluster.ts';

let tc: TestCluster;
const saved = { ...process.env };

const isReady = (name: string) => ((tc.cluster.store.get(R.pods, 'default', name)?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)
  ?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

beforeAll(async () => {
  tc = await startTestCluster({ empty: false, dnsPort: 0 });
  await until('web-0 and web-1 Ready', () => isReady('web-0') && isReady('web-1'));
  process.env.STS_KUBECONFIG = tc.kubeconfigPath;
  process.env.STS_DNS_SERVER = tc.cluster.dns;
  delete process.env.STS_NAMESPACES;
  delete process.env.STS_CONTEXT;
  delete process.env.KUBERNETES_SERVICE_HOST;
});

afterAll(async () => {
  getHub().stop();
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (String(key).includes('sts-topology')) delete (globalThis as Record<symbol, unknown>)[key];
  }
  process.env = saved;
  await tc.stop();
});

const get = (query: string) => lookup(new Request(`http://localhost:3000/api/dns/lookup?${query}`));
const body = async (res: Response) => (await res.json()) as DnsLookupResponse & { error?: string };
const podIP = (name: string) => (tc.cluster.store.get(R.pods, 'default', name)?.status as { podIP?: string }).podIP;

describe('GET /api/dns/lookup', () => {
  it('web-0.nginx from default: the embedded DNS server answers on the first step', async () => {
    const res = await get('name=web-0.nginx&from=default');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const r = await body(res);
    expect(r).toMatchObject({ name: 'web-0.nginx', from: 'default', type: 'A', source: 'embedded-dns' });
    expect(r.steps[0]).toMatchObject({ candidate: 'web-0.nginx.default.svc.cluster.local', rcode: 'NOERROR', answered: true });
    expect(r.answer?.records).toEqual([{ name: 'web-0.nginx.default.svc.cluster.local', type: 'A', data: podIP('web-0') }]);
  });

  it('from kube-system: the reason names the namespace, and where the Service is', async () => {
    const r = await body(await get('name=web-0.nginx&from=kube-system'));
    expect(r.answer).toBeNull();
    expect(r.reason).toBe("no Service named 'nginx' in namespace 'kube-system'; there is one in namespace 'default' (name it web-0.nginx.default)");
  });

  it('SRV on request, and computed when no DNS server is configured', async () => {
    const srv = await body(await get('name=nginx&from=default&type=srv'));
    expect(srv.type).toBe('SRV');
    expect(srv.answer?.records.map((x) => x.data).sort()).toEqual(['0 100 80 web-0.nginx.default.svc.cluster.local', '0 100 80 web-1.nginx.default.svc.cluster.local']);
    delete process.env.STS_DNS_SERVER;
    try {
      const r = await body(await get('name=web-0.nginx&from=default'));
      expect(r.source).toBe('computed');
      expect(r.sourceNote).toMatch(/no cluster DNS is reachable from this laptop/);
      expect(r.answer?.records[0].data).toBe(podIP('web-0'));
    } finally {
      process.env.STS_DNS_SERVER = tc.cluster.dns;
    }
  });

  it.each([
    ['name=a..b&from=default', /^invalid name "a\.\.b": the name has an empty label/],
    [`name=${'a'.repeat(64)}&from=default`, /at most 63 are allowed/],
    [`name=${Array.from({ length: 64 }, () => 'abc').join('.')}&from=default`, /at most 253 are allowed/],
    ['name=web%200&from=default', /only letters, digits/],
    ['from=default', /^invalid name "": the name is empty/],
    ['name=web-0.nginx', /^missing "from"/],
    ['name=web-0.nginx&from=Default_', /^invalid namespace "Default_": must be a DNS-1123 label/],
    ['name=web-0.nginx&from=default&type=AAAA', /^invalid type "AAAA": must be A or SRV/],
  ])('400 for %s', async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect((await body(res)).error).toMatch(message);
  });

  it('403 for a namespace STS_NAMESPACES excludes', async () => {
    process.env.STS_NAMESPACES = 'default';
    try {
      const res = await get('name=web-0.nginx&from=kube-system');
      expect(res.status).toBe(403);
      expect((await body(res)).error).toMatch(/STS_NAMESPACES/);
      const ok = await body(await get('name=kube-dns.kube-system&from=default'));
      expect(ok.steps.find((s) => s.candidate === 'kube-dns.kube-system.svc.cluster.local')?.rcode).toBe('NOT_CHECKED');
    } finally {
      delete process.env.STS_NAMESPACES;
    }
  });
});
