import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import type { DnsNamespaceObjects, DnsWorld } from './dns-lookup-types.ts';
import { defaultQueryType, lookupDnsName } from './dns-lookup.ts';
import { aPod, aStatefulSet } from './testdata/builders.ts';
import { IP, seededScene } from './testdata/scenarios.ts';
import { aService, endpointSliceFor } from './testdata/service-builders.ts';

const DOMAIN = 'cluster.local';

interface Default {
  services: KubeObject[];
  pods: KubeObject[];
  statefulSets: KubeObject[];
}

/** The seeded web/nginx example (2 Ready pods) unless overridden; slices derived from the objects. */
function defaultNs(o: Partial<Default> = {}): DnsNamespaceObjects {
  const scene = seededScene();
  const services = o.services ?? scene.services ?? [];
  const pods = o.pods ?? scene.pods ?? [];
  return { services, pods, statefulSets: o.statefulSets ?? [scene.statefulSet], endpointSlices: services.map((s) => endpointSliceFor(s, pods)) };
}

const EMPTY: DnsNamespaceObjects = { services: [], pods: [], statefulSets: [], endpointSlices: [] };

function world(def: DnsNamespaceObjects = defaultNs(), extra: Partial<DnsWorld> = {}): DnsWorld {
  return {
    clusterDomain: DOMAIN,
    namespaces: ['default', 'kube-system', 'kube-public'],
    objects: { default: def, 'kube-system': EMPTY },
    ...extra,
  };
}

const look = (name: string, from = 'default', w = world()) => lookupDnsName({ name, from, world: w });
const web = () => aStatefulSet('web').replicas(2).build();

describe('lookupDnsName: the search path of a pod', () => {
  it('web-0.nginx from default: the first candidate answers with web-0 IP', () => {
    const r = look('web-0.nginx');
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({
      candidate: 'web-0.nginx.default.svc.cluster.local', searchDomain: 'default.svc.cluster.local', rcode: 'NOERROR', answered: true,
      records: [{ name: 'web-0.nginx.default.svc.cluster.local', type: 'A', data: IP(0) }],
    });
    expect(r.answer).toEqual({ candidate: 'web-0.nginx.default.svc.cluster.local', records: r.steps[0].records });
    expect(r.untried).toEqual(['web-0.nginx.svc.cluster.local', 'web-0.nginx.cluster.local', 'web-0.nginx']);
    expect(r.reason).toBe('web-0 is Ready and published: the EndpointSlice of Service nginx lists it with hostname web-0');
    expect(r.searchDomains).toEqual(['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
    expect(r.searchNote).toMatch(/has 1 dot, fewer than ndots:5, so the resolver tries each search domain first/);
    expect(r.type).toBe('A');
  });

  it('nginx from default: one A record per ready pod', () => {
    const r = look('nginx');
    expect(r.answer?.records.map((x) => x.data)).toEqual([IP(0), IP(1)]);
    expect(r.reason).toBe(`nginx is headless: it answers with the IP of each ready pod: web-0 (${IP(0)}), web-1 (${IP(1)})`);
  });

  it('web-0.nginx.default answers on the svc.cluster.local search domain, from any namespace', () => {
    for (const from of ['default', 'kube-system']) {
      const r = look('web-0.nginx.default', from);
      expect(r.steps.map((s) => [s.candidate, s.rcode])).toEqual([
        [`web-0.nginx.default.${from}.svc.cluster.local`, 'NXDOMAIN'],
        ['web-0.nginx.default.svc.cluster.local', 'NOERROR'],
      ]);
      expect(r.answer?.records[0].data).toBe(IP(0));
    }
  });

  it('the full name has 5 dots (ndots:5): asked as typed first, and it answers', () => {
    const r = look('web-0.nginx.default.svc.cluster.local');
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ candidate: 'web-0.nginx.default.svc.cluster.local', searchDomain: null, answered: true });
    expect(r.untried).toHaveLength(3);
  });

  it('web-0.nginx.default.svc (4 dots) answers on the third candidate, the cluster.local search domain', () => {
    const r = look('web-0.nginx.default.svc');
    expect(r.steps.map((s) => [s.candidate, s.rcode])).toEqual([
      ['web-0.nginx.default.svc.default.svc.cluster.local', 'NXDOMAIN'],
      ['web-0.nginx.default.svc.svc.cluster.local', 'NXDOMAIN'],
      ['web-0.nginx.default.svc.cluster.local', 'NOERROR'],
    ]);
    expect(r.steps[0].reason).toMatch(/has too many labels/);
    expect(r.untried).toEqual(['web-0.nginx.default.svc']);
  });

  it('ndots boundary: 4 dots search first, 5 dots are asked as typed first', () => {
    const four = look('a.b.c.d.e');
    expect(four.steps.map((s) => s.candidate)).toEqual([
      'a.b.c.d.e.default.svc.cluster.local', 'a.b.c.d.e.svc.cluster.local', 'a.b.c.d.e.cluster.local', 'a.b.c.d.e',
    ]);
    const five = look('a.b.c.d.e.f');
    expect(five.steps.map((s) => s.candidate)).toEqual([
      'a.b.c.d.e.f', 'a.b.c.d.e.f.default.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local',
    ]);
    expect(five.searchNote).toMatch(/has 5 dots \(at least ndots:5\), so the resolver asks for it as typed first/);
    expect(five.steps[0]).toMatchObject({ rcode: 'NOT_CHECKED', reason: expect.stringMatching(/outside cluster.local/) });
  });

  it('a trailing dot makes the name absolute: asked once, as typed', () => {
    const short = look('web-0.nginx.');
    expect(short.steps.map((s) => s.candidate)).toEqual(['web-0.nginx']);
    expect(short.answer).toBeNull();
    expect(short.searchDomains).toEqual([]);
    expect(short.reason).toMatch(/^the trailing dot makes "web-0.nginx." absolute, so no search domain was tried; web-0.nginx is outside cluster.local/);
    const full = look('web-0.nginx.default.svc.cluster.local.');
    expect(full.steps).toHaveLength(1);
    expect(full.answer?.records[0].data).toBe(IP(0));
  });

  it('compares names case-insensitively', () => {
    expect(look('WEB-0.Nginx').answer?.records[0].data).toBe(IP(0));
  });
});

describe('lookupDnsName: why a name fails', () => {
  it('wrong namespace: no Service named nginx in kube-system, with the namespace that has one', () => {
    const r = look('web-0.nginx', 'kube-system');
    expect(r.answer).toBeNull();
    expect(r.untried).toEqual([]);
    expect(r.reason).toBe("no Service named 'nginx' in namespace 'kube-system'");
    expect(r.steps[1].reason).toBe("web-0.nginx.svc.cluster.local would be Service 'web-0' in namespace 'nginx', and there is no namespace 'nginx'");
    const hinted = look('web-0.nginx', 'kube-system', world(defaultNs(), { serviceLocations: { nginx: ['default'] } }));
    expect(hinted.reason).toBe("no Service named 'nginx' in namespace 'kube-system'; there is one in namespace 'default' (name it web-0.nginx.default)");
  });

  it('a pod that is not Ready is not published', () => {
    const sts = web();
    const r = look('web-1.nginx', 'default', world(defaultNs({ pods: [aPod(sts, 0).ready(IP(0)).build(), aPod(sts, 1).running(IP(1)).build()] })));
    expect(r.steps.map((s) => s.rcode)).toEqual(['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN', 'NOT_CHECKED']);
    expect(r.reason).toBe('web-1 is not Ready, so it is not published');
  });

  it('a terminating pod is not published', () => {
    const sts = web();
    const r = look('web-1.nginx', 'default', world(defaultNs({ pods: [aPod(sts, 0).ready(IP(0)).build(), aPod(sts, 1).ready(IP(1)).terminating().build()] })));
    expect(r.reason).toBe('web-1 is terminating, so it is not published');
  });

  it('a Service that is not headless resolves to its ClusterIP, not to pods', () => {
    const w = world(defaultNs({ services: [aService('nginx').clusterIP('10.96.0.12').build()] }));
    const svc = look('nginx', 'default', w);
    expect(svc.answer?.records).toEqual([{ name: 'nginx.default.svc.cluster.local', type: 'A', data: '10.96.0.12' }]);
    expect(svc.reason).toBe('Service nginx is not headless: it resolves to its ClusterIP 10.96.0.12, not to pods');
    // CoreDNS (and the embedded DNS server) still answers endpoint names under a ClusterIP Service.
    const pod = look('web-0.nginx', 'default', w);
    expect(pod.answer?.records[0].data).toBe(IP(0));
    expect(pod.reason).toMatch(/Service nginx is not headless, so this per-pod name is a CoreDNS extra/);
  });

  it('a headless Service without ready endpoints is NXDOMAIN, naming the pods that are not Ready', () => {
    const sts = web();
    const r = look('nginx', 'default', world(defaultNs({ pods: [aPod(sts, 0).running(IP(0)).build(), aPod(sts, 1).running(IP(1)).build()] })));
    expect(r.steps[0].rcode).toBe('NXDOMAIN');
    expect(r.reason).toBe('nginx is headless but has no ready endpoints (not Ready: web-0, web-1)');
    const none = look('nginx', 'default', world(defaultNs({ pods: [] })));
    expect(none.reason).toBe("nginx is headless but has no ready endpoints (no pod in namespace 'default' matches its selector app=nginx)");
  });

  it("serviceName differs from the Service's name: both ways of asking say so", () => {
    const named = defaultNs({ services: [aService('nginx-svc').build()] });
    expect(look('web-0.nginx', 'default', world(named)).reason)
      .toBe("no Service named 'nginx' in namespace 'default': the StatefulSet's serviceName is 'nginx' but the Service is named 'nginx-svc'");
    expect(look('web-0.nginx-svc', 'default', world(named)).reason)
      .toBe("the StatefulSet's serviceName is 'nginx' but the Service is named 'nginx-svc', so web-0 has no name under it (only its dashed address 10-244-1-10)");
    // The dashed address is the name the endpoint does have.
    expect(look('10-244-1-10.nginx-svc', 'default', world(named)).answer?.records[0].data).toBe('10.244.1.10');
  });

  it('a pod beyond the replicas does not exist', () => {
    expect(look('web-5.nginx').reason).toBe('there is no pod web-5: StatefulSet web has 2 replicas (web-0 … web-1); Service nginx publishes web-0, web-1');
  });

  it('a namespace the dashboard may not read is not checked, and says so', () => {
    const w = world(defaultNs(), { namespaces: ['default', 'kube-system', 'prod'] });
    const r = look('nginx.prod', 'default', w);
    expect(r.steps[1]).toMatchObject({ candidate: 'nginx.prod.svc.cluster.local', rcode: 'NOT_CHECKED' });
    expect(r.reason).toBe("the dashboard may not read namespace 'prod' (STS_NAMESPACES), so nginx.prod.svc.cluster.local was not checked");
  });

  it('a name that exists without A records is NODATA, and the search goes on', () => {
    const w = world(defaultNs(), { namespaces: ['default', 'nginx'], objects: { default: defaultNs(), nginx: EMPTY } });
    const r = look('nginx.svc', 'default', w);
    expect(r.steps.map((s) => [s.candidate, s.rcode])).toEqual([
      ['nginx.svc.default.svc.cluster.local', 'NXDOMAIN'],
      ['nginx.svc.svc.cluster.local', 'NXDOMAIN'],
      ['nginx.svc.cluster.local', 'NODATA'],
      ['nginx.svc', 'NOT_CHECKED'],
    ]);
  });
});

describe('lookupDnsName: SRV and other record kinds', () => {
  it('_web._tcp.nginx asks for SRV: one record per ready pod, port = the target port', () => {
    expect(defaultQueryType('_web._tcp.nginx')).toBe('SRV');
    const r = look('_web._tcp.nginx');
    expect(r.type).toBe('SRV');
    expect(r.answer?.records.map((x) => x.data)).toEqual([
      '0 100 80 web-0.nginx.default.svc.cluster.local', '0 100 80 web-1.nginx.default.svc.cluster.local',
    ]);
    const fq = look('_web._tcp.nginx.default.svc.cluster.local');
    expect(fq.steps).toHaveLength(1);
  });

  it('an SRV name for a port the Service does not have', () => {
    expect(look('_db._tcp.nginx').reason).toBe("Service nginx has no port named 'db' with protocol tcp (its ports: web/tcp 80; unnamed ports get no SRV names)");
  });

  it('SRV asked of a pod name is NODATA', () => {
    const r = lookupDnsName({ name: 'web-0.nginx', from: 'default', type: 'SRV', world: world() });
    expect(r.steps[0].rcode).toBe('NODATA');
  });

  it('an ExternalName Service answers a CNAME', () => {
    const ext: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } };
    const r = look('db', 'default', world({ ...defaultNs(), services: [ext] }));
    expect(r.answer?.records).toEqual([{ name: 'db.default.svc.cluster.local', type: 'CNAME', data: 'db.example.com' }]);
  });
});

describe('lookupDnsName: input', () => {
  it('refuses a name a resolver would not send', () => {
    expect(() => look('a..b')).toThrow(/empty label/);
    expect(() => look('')).toThrow(/empty/);
  });
});
