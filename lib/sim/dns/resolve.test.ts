// The pure resolver against the Kubernetes DNS specification 1.1.0: every record kind, the
// difference between NXDOMAIN and NODATA, and scenario 30 of statefulset-semantics.md §10
// with the real kubelet and EndpointSlice controllers.

import { afterEach, describe, expect, it } from 'vitest';
import { ANN_NEVER_READY } from '../controllers/pod-stages.ts';
import { aService, aStatefulPod, newTestCluster, type TestCluster } from '../controllers/testing.ts';
import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';
import type { DnsRecord } from './records.ts';
import { resolve } from './resolve.ts';
import { addService, addSlice, dnsTestStore } from './testing.ts';

const data = (rs: DnsRecord[]) => rs.map((r) => r.data);
const soaOwner = (rs: DnsRecord[]) => rs.filter((r) => r.type === 'SOA').map((r) => r.name);

describe('scenario 30: headless Service nginx, web-0 Ready, web-1 Running but not Ready', () => {
  let c: TestCluster;
  afterEach(() => c?.stop());

  function scenario30(publishNotReadyAddresses = false) {
    c = newTestCluster({ controllers: ['kubelet', 'endpointslice', 'gc'] });
    c.store.create(R.services, aService('nginx', { publishNotReadyAddresses }));
    c.store.create(R.pods, aStatefulPod('web-0', { claims: [] }));
    c.store.create(R.pods, aStatefulPod('web-1', { claims: [], annotations: { [ANN_NEVER_READY]: 'true' } }));
    c.advance(3000);
    return { web0: c.pod('web-0')!.status!.podIP as string, web1: c.pod('web-1')!.status!.podIP as string };
  }

  it('nginx resolves only to web-0; web-0 has a record, web-1 has none', () => {
    const { web0, web1 } = scenario30();
    expect(web1).toMatch(/^10\.244\./);
    const svc = resolve(c.store, 'nginx.default.svc.cluster.local', 'A');
    expect(svc.rcode).toBe('NOERROR');
    expect(data(svc.answers)).toEqual([web0]);
    expect(data(resolve(c.store, 'web-0.nginx.default.svc.cluster.local', 'A').answers)).toEqual([web0]);
    const absent = resolve(c.store, 'web-1.nginx.default.svc.cluster.local', 'A');
    expect(absent.rcode).toBe('NXDOMAIN');
    expect(absent.reason).toContain('not ready');
    expect(resolve(c.store, `${web1.split('.').reverse().join('.')}.in-addr.arpa`, 'PTR').rcode).toBe('NXDOMAIN');
    expect(data(resolve(c.store, `${web0.split('.').reverse().join('.')}.in-addr.arpa`, 'PTR').answers)).toEqual(['web-0.nginx.default.svc.cluster.local']);
  });

  it('with publishNotReadyAddresses both pods resolve', () => {
    const { web0, web1 } = scenario30(true);
    expect(data(resolve(c.store, 'nginx.default.svc.cluster.local', 'A').answers)).toEqual([web0, web1]);
    expect(data(resolve(c.store, 'web-1.nginx.default.svc.cluster.local', 'A').answers)).toEqual([web1]);
  });

  it('answers follow the EndpointSlices as they change', () => {
    const { web0, web1 } = scenario30();
    const pod = structuredClone(c.pod('web-1')!);
    delete pod.metadata.annotations![ANN_NEVER_READY];
    c.store.update(R.pods, pod);
    c.advanceUntil(() => resolve(c.store, 'web-1.nginx.default.svc.cluster.local', 'A').rcode === 'NOERROR');
    expect(data(resolve(c.store, 'nginx.default.svc.cluster.local', 'A').answers)).toEqual([web0, web1]);

    c.store.delete(R.pods, 'default', 'web-0', {});
    expect(resolve(c.store, 'web-0.nginx.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(data(resolve(c.store, 'nginx.default.svc.cluster.local', 'A').answers)).toEqual([web1]);
  });

  it('a headless Service without ready endpoints is NXDOMAIN, for every type', () => {
    scenario30();
    c.store.delete(R.pods, 'default', 'web-0', {});
    for (const type of ['A', 'AAAA', 'SRV', 'TXT']) {
      const r = resolve(c.store, 'nginx.default.svc.cluster.local', type);
      expect(r.rcode, type).toBe('NXDOMAIN');
      expect(soaOwner(r.authority)).toEqual(['cluster.local']);
    }
    expect(resolve(c.store, '_web._tcp.nginx.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(resolve(c.store, 'nginx.default.svc.cluster.local', 'A').reason).toMatch(/no ready endpoints; not ready: web-0 .*web-1/);
  });
});

describe('records', () => {
  let store: Store;
  const ep = (i: number) => `10.244.1.${i}`;

  function workshop() {
    store = dnsTestStore();
    addService(store, 'nginx', { ports: [{ name: 'web', port: 80 }, { name: 'metrics', port: 9000 }, { port: 81 }] });
    addSlice(store, 'nginx', [
      { ip: ep(5), hostname: 'web-0', ready: true, pod: 'web-0' },
      { ip: ep(6), hostname: 'web-1', ready: true, pod: 'web-1' },
      { ip: ep(7), ready: true, pod: 'loose' },
      { ip: ep(8), hostname: 'web-2', ready: false, pod: 'web-2' },
    ], [{ name: 'web', port: 8080 }, { name: 'metrics', port: 9090 }, { name: '', port: 8081 }]);
    addService(store, 'api', { clusterIP: '10.96.12.34', ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }, { port: 8443 }] });
  }

  it('a ClusterIP Service resolves to its ClusterIP, with SRV to its name and PTR back', () => {
    workshop();
    const a = resolve(store, 'api.default.svc.cluster.local', 'A');
    expect(a).toMatchObject({ rcode: 'NOERROR', authoritative: true, authority: [], additional: [] });
    expect(a.answers).toEqual([{ name: 'api.default.svc.cluster.local', type: 'A', ttl: 5, class: 'IN', data: '10.96.12.34' }]);
    const srv = resolve(store, '_http._tcp.api.default.svc.cluster.local', 'SRV');
    expect(data(srv.answers)).toEqual([{ priority: 0, weight: 100, port: 80, target: 'api.default.svc.cluster.local' }]);
    expect(srv.additional).toEqual([{ name: 'api.default.svc.cluster.local', type: 'A', ttl: 5, class: 'IN', data: '10.96.12.34' }]);
    expect(data(resolve(store, '_dns._udp.api.default.svc.cluster.local', 'SRV').answers)).toEqual([{ priority: 0, weight: 100, port: 53, target: 'api.default.svc.cluster.local' }]);
    expect(resolve(store, '_dns._tcp.api.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(data(resolve(store, '34.12.96.10.in-addr.arpa', 'PTR').answers)).toEqual(['api.default.svc.cluster.local']);
  });

  it('headless SRV: one per ready endpoint and named port, target port, A records of targets in additional', () => {
    workshop();
    const srv = resolve(store, '_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(data(srv.answers)).toEqual([
      { priority: 0, weight: 100, port: 8080, target: 'web-0.nginx.default.svc.cluster.local' },
      { priority: 0, weight: 100, port: 8080, target: 'web-1.nginx.default.svc.cluster.local' },
      { priority: 0, weight: 100, port: 8080, target: '10-244-1-7.nginx.default.svc.cluster.local' },
    ]);
    expect(srv.additional.map((r) => [r.name, r.data])).toEqual([
      ['web-0.nginx.default.svc.cluster.local', ep(5)],
      ['web-1.nginx.default.svc.cluster.local', ep(6)],
      ['10-244-1-7.nginx.default.svc.cluster.local', ep(7)],
    ]);
    expect(resolve(store, '_metrics._tcp.nginx.default.svc.cluster.local', 'SRV').answers).toHaveLength(3);
    expect(resolve(store, '_web._udp.nginx.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    // The bare name lists every port (CoreDNS), unnamed ones included: 3 endpoints x 3 ports.
    expect(resolve(store, 'nginx.default.svc.cluster.local', 'SRV').answers).toHaveLength(9);
    // _tcp is an empty non-terminal above the SRV names.
    expect(resolve(store, '_tcp.nginx.default.svc.cluster.local', 'SRV')).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  it('per-endpoint names: hostname, else the dashed IP; never for not-ready endpoints', () => {
    workshop();
    expect(data(resolve(store, 'web-1.nginx.default.svc.cluster.local', 'A').answers)).toEqual([ep(6)]);
    expect(data(resolve(store, '10-244-1-7.nginx.default.svc.cluster.local', 'A').answers)).toEqual([ep(7)]);
    expect(resolve(store, '10-244-1-5.nginx.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(resolve(store, 'web-2.nginx.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NXDOMAIN', reason: expect.stringContaining('not ready') });
    expect(data(resolve(store, 'nginx.default.svc.cluster.local', 'A').answers)).toEqual([ep(5), ep(6), ep(7)]);
  });

  it('PTR for ready endpoints: hostname or dashed IP; none for not-ready or unknown addresses', () => {
    workshop();
    expect(data(resolve(store, '5.1.244.10.in-addr.arpa.', 'PTR').answers)).toEqual(['web-0.nginx.default.svc.cluster.local']);
    expect(data(resolve(store, '7.1.244.10.in-addr.arpa', 'PTR').answers)).toEqual(['10-244-1-7.nginx.default.svc.cluster.local']);
    const notReady = resolve(store, '8.1.244.10.in-addr.arpa', 'PTR');
    expect(notReady).toMatchObject({ rcode: 'NXDOMAIN', authoritative: true });
    expect(soaOwner(notReady.authority)).toEqual(['in-addr.arpa']);
    expect(resolve(store, '1.1.244.10.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
    expect(resolve(store, '1.244.10.in-addr.arpa', 'PTR')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(resolve(store, '300.1.244.10.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
    expect(resolve(store, '5.1.244.10.in-addr.arpa', 'A')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(resolve(store, '1.0.0.0.ip6.arpa', 'PTR').rcode).toBe('NXDOMAIN');
  });

  it('an address two Services publish gets a PTR per Service, the real hostname first', () => {
    workshop();
    addService(store, 'all', { ports: [] });
    addSlice(store, 'all', [{ ip: ep(5), ready: true }], []);
    expect(data(resolve(store, '5.1.244.10.in-addr.arpa', 'PTR').answers)).toEqual([
      'web-0.nginx.default.svc.cluster.local',
      '10-244-1-5.all.default.svc.cluster.local',
    ]);
  });

  it('TXT dns-version, SOA and NS at the apex', () => {
    workshop();
    expect(resolve(store, 'dns-version.cluster.local', 'TXT').answers).toEqual([{ name: 'dns-version.cluster.local', type: 'TXT', ttl: 5, class: 'IN', data: ['1.1.0'] }]);
    const soa = resolve(store, 'cluster.local', 'SOA').answers[0];
    expect(soa).toMatchObject({ type: 'SOA', data: { mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: store.currentRV(), minimum: 5 } });
    addService(store, 'new', { clusterIP: '10.96.0.99' });
    expect(resolve(store, 'cluster.local', 'SOA').answers[0].data).toMatchObject({ serial: store.currentRV() });
    const ns = resolve(store, 'cluster.local', 'NS', 'cluster.local', { nsAddress: '127.0.0.1' });
    expect(data(ns.answers)).toEqual(['ns.dns.cluster.local']);
    expect(data(ns.additional)).toEqual(['127.0.0.1']);
  });

  it('NXDOMAIN for names that do not exist, NODATA (SOA, no answers) for other types of names that do', () => {
    workshop();
    const nodata = (name: string, type: string) => {
      const r = resolve(store, name, type);
      expect(r, `${name} ${type}`).toMatchObject({ rcode: 'NOERROR', authoritative: true, answers: [] });
      expect(soaOwner(r.authority)).toEqual(['cluster.local']);
    };
    const nxdomain = (name: string, type = 'A') => {
      const r = resolve(store, name, type);
      expect(r, name).toMatchObject({ rcode: 'NXDOMAIN', authoritative: true, answers: [] });
      expect(soaOwner(r.authority)).toEqual(['cluster.local']);
    };
    nodata('nginx.default.svc.cluster.local', 'AAAA');
    nodata('api.default.svc.cluster.local', 'MX');
    nodata('api.default.svc.cluster.local', 'UNKNOWN_65280');
    nodata('web-0.nginx.default.svc.cluster.local', 'TXT');
    nodata('default.svc.cluster.local', 'A');
    nodata('svc.cluster.local', 'A');
    nodata('pod.cluster.local', 'A');
    nodata('dns-version.cluster.local', 'A');
    nodata('cluster.local', 'A');
    nxdomain('nope.default.svc.cluster.local');
    nxdomain('nope.svc.cluster.local');
    nxdomain('nginx.other.svc.cluster.local');
    nxdomain('x.web-0.nginx.default.svc.cluster.local');
    nxdomain('nginx.default.cluster.local');
    nxdomain('www.cluster.local');
    nxdomain('a..cluster.local');
  });

  it('compares names case-insensitively and answers with the name as asked', () => {
    workshop();
    const r = resolve(store, 'WEB-0.Nginx.DEFAULT.svc.Cluster.Local.', 'A');
    expect(r.answers).toEqual([{ name: 'WEB-0.Nginx.DEFAULT.svc.Cluster.Local', type: 'A', ttl: 5, class: 'IN', data: ep(5) }]);
    expect(resolve(store, '_WEB._TCP.nginx.default.svc.cluster.local', 'srv').answers).toHaveLength(3);
  });

  it('refuses names outside its zones and zone transfers', () => {
    workshop();
    for (const name of ['example.com', '.', '', 'local', 'cluster.local.example.com', 'xcluster.local']) {
      expect(resolve(store, name, 'A'), name).toMatchObject({ rcode: 'REFUSED', authoritative: false, answers: [], authority: [] });
    }
    expect(resolve(store, 'cluster.local', 'AXFR').rcode).toBe('REFUSED');
  });

  it('ANY returns every record of the name', () => {
    workshop();
    const types = resolve(store, 'api.default.svc.cluster.local', 'ANY').answers.map((r) => r.type);
    expect(types).toEqual(['A', 'SRV', 'SRV', 'SRV']);
  });

  it('ExternalName Services are CNAMEs, followed while the target is in the cluster zone', () => {
    workshop();
    addService(store, 'ext', { type: 'ExternalName', externalName: 'db.example.com.' });
    addService(store, 'alias', { type: 'ExternalName', externalName: 'api.default.svc.cluster.local' });
    expect(resolve(store, 'ext.default.svc.cluster.local', 'A').answers).toEqual([{ name: 'ext.default.svc.cluster.local', type: 'CNAME', ttl: 5, class: 'IN', data: 'db.example.com' }]);
    expect(data(resolve(store, 'alias.default.svc.cluster.local', 'A').answers)).toEqual(['api.default.svc.cluster.local', '10.96.12.34']);
    expect(resolve(store, 'x.ext.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('the deprecated pod records: a dashed IP in an existing namespace', () => {
    workshop();
    expect(data(resolve(store, '10-244-3-4.default.pod.cluster.local', 'A').answers)).toEqual(['10.244.3.4']);
    expect(resolve(store, '10-244-3-4.nons.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(resolve(store, '10-244-3-400.default.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(resolve(store, 'web-0.default.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('serves another cluster domain and TTL when configured', () => {
    workshop();
    const r = resolve(store, 'api.default.svc.corp.internal', 'A', 'Corp.Internal.', { ttl: 30 });
    expect(r.answers).toEqual([{ name: 'api.default.svc.corp.internal', type: 'A', ttl: 30, class: 'IN', data: '10.96.12.34' }]);
    expect(resolve(store, 'api.default.svc.cluster.local', 'A', 'corp.internal').rcode).toBe('REFUSED');
  });

  it('ignores slices of other Services, IPv6 slices and endpoints without an IPv4 address', () => {
    workshop();
    addService(store, 'v6', {});
    store.create(R.endpointSlices, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'v6-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'v6' } },
      addressType: 'IPv6', endpoints: [{ addresses: ['fd00::1'], conditions: { ready: true } }], ports: [],
    });
    expect(resolve(store, 'v6.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(resolve(store, 'v6.default.svc.cluster.local', 'AAAA').rcode).toBe('NXDOMAIN');
  });
});
