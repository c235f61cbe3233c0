import { describe, expect, it } from 'vitest';
import { dnsNameProblem, parseClusterName, searchCandidates } from './dns-search.ts';

describe('dnsNameProblem', () => {
  it('accepts what a pod would type', () => {
    for (const ok of ['web-0.nginx', 'nginx', 'web-0.nginx.', '_web._tcp.nginx', 'WEB-0.Nginx', `${'a'.repeat(63)}.b`, 'x'.repeat(63)]) {
      expect(dnsNameProblem(ok), ok).toBeNull();
    }
  });

  it('names what is wrong', () => {
    expect(dnsNameProblem('')).toBe('the name is empty');
    expect(dnsNameProblem('.')).toBe('the name is only a dot');
    expect(dnsNameProblem('a..b')).toMatch(/empty label/);
    expect(dnsNameProblem('.a')).toMatch(/empty label/);
    expect(dnsNameProblem('web 0')).toMatch(/only letters, digits/);
    expect(dnsNameProblem('wéb')).toMatch(/only letters, digits/);
    expect(dnsNameProblem(`${'a'.repeat(64)}.b`)).toMatch(/64 characters long; at most 63/);
    const long = Array.from({ length: 64 }, () => 'abc').join('.');
    expect(long.length).toBe(255);
    expect(dnsNameProblem(long)).toMatch(/255 characters long; at most 253/);
  });
});

describe('searchCandidates', () => {
  it('skips a search domain that would make the name too long', () => {
    const name = Array.from({ length: 60 }, () => 'abc').join('.'); // 239 characters: only + .cluster.local fits in 253
    const c = searchCandidates(name, 'default', 'cluster.local');
    expect(c.map((x) => x.searchDomain)).toEqual([null, 'cluster.local']);
  });
});

describe('parseClusterName', () => {
  it('reads the Kubernetes DNS schema', () => {
    const p = (n: string) => parseClusterName(n, 'cluster.local');
    expect(p('web-0.nginx.default.svc.cluster.local')).toEqual({ kind: 'endpoint', namespace: 'default', service: 'nginx', endpoint: 'web-0' });
    expect(p('nginx.default.svc.cluster.local')).toEqual({ kind: 'service', namespace: 'default', service: 'nginx' });
    expect(p('_web._tcp.nginx.default.svc.cluster.local')).toEqual({ kind: 'port', namespace: 'default', service: 'nginx', port: 'web', protocol: 'tcp' });
    expect(p('_tcp.nginx.default.svc.cluster.local')).toEqual({ kind: 'protocol', namespace: 'default', service: 'nginx', protocol: 'tcp' });
    expect(p('default.svc.cluster.local')).toEqual({ kind: 'namespace', namespace: 'default', tree: 'svc' });
    expect(p('10-244-1-5.default.pod.cluster.local')).toEqual({ kind: 'pod-ip', namespace: 'default', label: '10-244-1-5' });
    expect(p('web-0.nginx')).toEqual({ kind: 'outside' });
    expect(p('notcluster.local')).toEqual({ kind: 'outside' });
    expect(p('web-0.nginx.cluster.local').kind).toBe('not-schema');
    expect(p('cluster.local').kind).toBe('zone-internal');
  });
});
