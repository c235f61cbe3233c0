import { describe, expect, it } from 'vitest';
import type { DnsLookupStep } from '../../lib/topology/dns-lookup-types.ts';
import { errorMessage, lookupUrl, readLookupResponse, shortDnsName, stepResult, stepTone } from './dns-view.ts';

const step = (s: Partial<DnsLookupStep>): DnsLookupStep => ({
  candidate: 'web-0.nginx.default.svc.cluster.local', searchDomain: 'default.svc.cluster.local', rcode: 'NXDOMAIN', records: [], answered: false, reason: 'r', ...s,
});

describe('the DNS panel helpers', () => {
  it('prefills the short name a pod in the namespace types', () => {
    expect(shortDnsName('web-0.nginx.default.svc.cluster.local')).toBe('web-0.nginx');
    expect(shortDnsName('redis-pv-sts-1.redis-pv-svc.prod.svc.example.org.')).toBe('redis-pv-sts-1.redis-pv-svc');
  });

  it('builds the request URL, escaping the name', () => {
    expect(lookupUrl(' web-0.nginx ', 'default')).toBe('/api/dns/lookup?name=web-0.nginx&from=default');
    expect(lookupUrl('a&b', 'x', 'SRV')).toBe('/api/dns/lookup?name=a%26b&from=x&type=SRV');
  });

  it('names each step result: the answer with its records, the rcode otherwise', () => {
    expect(stepResult(step({ rcode: 'NOERROR', answered: true, records: [{ name: 'n', type: 'A', data: '10.244.1.5' }] }), 'A')).toBe('answer: 10.244.1.5');
    expect(stepResult(step({}), 'A')).toBe('NXDOMAIN');
    expect(stepResult(step({ rcode: 'NODATA' }), 'SRV')).toBe('NODATA (the name exists, no SRV record)');
    expect(stepResult(step({ rcode: 'NOT_CHECKED' }), 'A')).toBe('not checked');
    expect(stepTone(step({ rcode: 'TIMEOUT' }))).toBe('unknown');
    expect(stepTone(step({}))).toBe('fail');
  });

  it('reads only what looks like a lookup result, and error messages', () => {
    expect(readLookupResponse({ error: 'x' })).toBeNull();
    expect(readLookupResponse(null)).toBeNull();
    const ok = { name: 'n', steps: [], untried: [], reason: 'r', source: 'computed', sourceNote: 's' };
    expect(readLookupResponse(ok)).toBe(ok);
    expect(errorMessage({ error: 'invalid name' }, 400)).toBe('invalid name');
    expect(errorMessage('<html>', 502)).toBe('the lookup failed (HTTP 502)');
  });
});
