// lookupDns against the embedded cluster (controllers running, instant pace): the embedded DNS
// server asked over UDP agrees with the computed model, the reasons come through, and the
// fallbacks (silent server, no server, namespaces the dashboard may not read) say what happened.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { startEmbeddedCluster, type EmbeddedCluster } from '../sim/cluster.ts';
import { R } from '../sim/resources.ts';
import type { DnsLookupResult } from '../topology/dns-lookup-types.ts';
import { dnsAskerFromEnv } from './dns-lookup-deps.ts';
import { lookupDns, type DnsAsker, type DnsLookupDeps } from './dns-lookup.ts';
import { until } from './testdata/cluster.ts';

let cluster: EmbeddedCluster;

const ready = (pod: KubeObject | undefined) =>
  ((pod?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const podIP = (name: string) => (cluster.store.get(R.pods, 'default', name)?.status as { podIP?: string }).podIP;

beforeAll(async () => {
  cluster = await startEmbeddedCluster({ speed: 'instant', dnsPort: 0 });
  await until('web-0 and web-1 Ready', () => ready(cluster.store.get(R.pods, 'default', 'web-0')) && ready(cluster.store.get(R.pods, 'default', 'web-1')));
});
afterAll(async () => { await cluster.stop(); });

/** Deps reading the store directly (no cache lag), asking the cluster's DNS server. */
function deps(over: Partial<DnsLookupDeps> = {}): DnsLookupDeps {
  const store = cluster.store;
  return {
    clusterDomain: 'cluster.local',
    allowed: null,
    listNamespaces: async () => store.list(R.namespaces).map((n) => n.metadata.name ?? ''),
    readNamespace: async (ns) => ({
      services: store.list(R.services, ns), endpointSlices: store.list(R.endpointSlices, ns),
      pods: store.list(R.pods, ns), statefulSets: store.list(R.statefulsets, ns),
    }),
    findService: async (name) => store.list(R.services).filter((s) => s.metadata.name === name).map((s) => s.metadata.namespace ?? ''),
    ...dnsAskerFromEnv({ STS_DNS_SERVER: cluster.dns }),
    ...over,
  };
}

/** A step as comparable across sources: REFUSED (embedded, out of zone) is what computed calls NOT_CHECKED. */
const shape = (r: DnsLookupResult) => r.steps.map((s) => [s.candidate, s.rcode === 'REFUSED' ? 'NOT_CHECKED' : s.rcode, s.records.map((x) => x.data).sort()]);

describe('lookupDns with the embedded DNS server', () => {
  it('web-0.nginx from default: asked over UDP, answered by the first candidate with web-0 IP', async () => {
    const r = await lookupDns({ name: 'web-0.nginx', from: 'default' }, deps());
    expect(r.source).toBe('embedded-dns');
    expect(r.sourceNote).toMatch(/^Asked the embedded cluster's DNS server \(127\.0\.0\.1:\d+\) over UDP/);
    expect(r.steps).toHaveLength(1);
    expect(r.answer).toEqual({ candidate: 'web-0.nginx.default.svc.cluster.local', records: [{ name: 'web-0.nginx.default.svc.cluster.local', type: 'A', data: podIP('web-0') }] });
    expect(r.reason).toMatch(/^web-0 is Ready and published/);
  });

  it('agrees with the computed model, name by name', async () => {
    const names = ['web-0.nginx', 'web-1.nginx', 'nginx', 'web-0.nginx.default', 'web-0.nginx.default.svc', 'web-0.nginx.default.svc.cluster.local',
      '_web._tcp.nginx', 'web-5.nginx', 'kubernetes', 'kubernetes.default', 'nginx.default.svc', 'web-0.nginx.', 'default.svc.cluster.local'];
    for (const from of ['default', 'kube-system']) {
      for (const name of names) {
        const asked = await lookupDns({ name, from }, deps());
        const computed = await lookupDns({ name, from }, deps({ asker: null }));
        expect(asked.source, name).toBe('embedded-dns');
        expect(computed.source).toBe('computed');
        expect(shape(asked), `${name} from ${from}`).toEqual(shape(computed));
        expect(asked.reason.replace(/^.*outside cluster.local.*$/, ''), name).toBe(computed.reason.replace(/^.*outside cluster.local.*$/, ''));
      }
    }
  });

  it('wrong namespace: no Service named nginx in kube-system, and where there is one', async () => {
    const r = await lookupDns({ name: 'web-0.nginx', from: 'kube-system' }, deps());
    expect(r.answer).toBeNull();
    expect(r.steps.map((s) => s.rcode)).toEqual(['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN', 'REFUSED']);
    expect(r.steps[3].reason).toMatch(/the embedded DNS server answers only for the cluster zone/);
    expect(r.reason).toBe("no Service named 'nginx' in namespace 'kube-system'; there is one in namespace 'default' (name it web-0.nginx.default)");
  });

  it('a pod made not Ready: NXDOMAIN from the server, and the reason', async () => {
    const pod = structuredClone(cluster.store.get(R.pods, 'default', 'web-1')!);
    pod.metadata.annotations = { ...pod.metadata.annotations, 'sim.sts-topology.dev/never-ready': 'true' };
    delete pod.metadata.resourceVersion;
    cluster.store.update(R.pods, pod);
    try {
      await until('web-1 unpublished', () => cluster.store.list(R.endpointSlices, 'default').some((s) =>
        ((s.endpoints ?? []) as Array<{ hostname?: string; conditions?: { ready?: boolean } }>).some((e) => e.hostname === 'web-1' && e.conditions?.ready === false)));
      const r = await lookupDns({ name: 'web-1.nginx', from: 'default' }, deps());
      expect(r.steps[0]).toMatchObject({ candidate: 'web-1.nginx.default.svc.cluster.local', rcode: 'NXDOMAIN' });
      expect(r.answer).toBeNull();
      expect(r.reason).toBe('web-1 is not Ready, so it is not published');
    } finally {
      const back = structuredClone(cluster.store.get(R.pods, 'default', 'web-1')!);
      delete back.metadata.annotations?.['sim.sts-topology.dev/never-ready'];
      delete back.metadata.resourceVersion;
      cluster.store.update(R.pods, back);
    }
  });
});

describe('lookupDns fallbacks and limits', () => {
  it('no DNS server: computed, saying so', async () => {
    const r = await lookupDns({ name: 'web-0.nginx', from: 'default' }, deps(dnsAskerFromEnv({})));
    expect(r.source).toBe('computed');
    expect(r.sourceNote).toBe('Computed from Services and EndpointSlices: no cluster DNS is reachable from this laptop.');
    expect(r.answer?.records[0].data).toBe(podIP('web-0'));
  });

  it('a silent DNS server: computed instead, saying the server did not answer', async () => {
    const silent = dnsAskerFromEnv({ STS_DNS_SERVER: '127.0.0.1:9' }).asker!;
    const quick: DnsAsker = { ...silent, ask: async () => ({ rcode: 'TIMEOUT', records: [], error: 'no answer' }) };
    const r = await lookupDns({ name: 'web-0.nginx', from: 'default' }, deps({ asker: quick }));
    expect(r.source).toBe('computed');
    expect(r.sourceNote).toBe("The embedded cluster's DNS server (127.0.0.1:9) did not answer, so this was computed from Services and EndpointSlices.");
    expect(r.answer?.records[0].data).toBe(podIP('web-0'));
  });

  it('a malformed STS_DNS_SERVER is not asked', () => {
    expect(dnsAskerFromEnv({ STS_DNS_SERVER: 'localhost' })).toEqual({ asker: null, computedNote: expect.stringMatching(/STS_DNS_SERVER="localhost" is not <ip>:<port>/) });
    expect(dnsAskerFromEnv({ KUBERNETES_SERVICE_HOST: '10.96.0.1' }).asker?.source).toBe('cluster-dns');
    expect(dnsAskerFromEnv({ KUBERNETES_SERVICE_HOST: '10.96.0.1', STS_KUBECONFIG: '/k' }).asker).toBeNull();
  });

  it('names in namespaces the dashboard may not read are neither read nor asked', async () => {
    const asked: string[] = [];
    const base = deps();
    const spy: DnsAsker = { ...base.asker!, ask: (fqdn, type) => { asked.push(fqdn); return base.asker!.ask(fqdn, type); } };
    const r = await lookupDns({ name: 'kube-dns.kube-system', from: 'default' }, deps({ allowed: ['default'], asker: spy }));
    expect(r.steps.map((s) => [s.candidate, s.rcode])).toEqual([
      ['kube-dns.kube-system.default.svc.cluster.local', 'NXDOMAIN'],
      ['kube-dns.kube-system.svc.cluster.local', 'NOT_CHECKED'],
      ['kube-dns.kube-system.cluster.local', 'NXDOMAIN'],
      ['kube-dns.kube-system', 'REFUSED'],
    ]);
    expect(asked).not.toContain('kube-dns.kube-system.svc.cluster.local');
    expect(r.reason).toBe("the dashboard may not read namespace 'kube-system' (STS_NAMESPACES), so kube-dns.kube-system.svc.cluster.local was not checked");
  });

  it('when the server and the objects disagree, the server wins and the reason says so', async () => {
    const liar: DnsAsker = { ...deps().asker!, ask: async () => ({ rcode: 'NXDOMAIN', records: [] }) };
    const r = await lookupDns({ name: 'web-0.nginx', from: 'default' }, deps({ asker: liar }));
    expect(r.source).toBe('embedded-dns');
    expect(r.answer).toBeNull();
    expect(r.steps[0].reason).toMatch(/^the DNS server said NXDOMAIN, though the dashboard's copy of the objects says it should answer \(web-0 is Ready/);
  });
});
