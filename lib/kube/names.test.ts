import { describe, expect, it } from 'vitest';
import {
  dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, isDNS1123Label, isDNS1123Subdomain, labelKeyErrors, labelValueErrors,
} from './names.ts';

describe('DNS names', () => {
  it('accepts and rejects RFC 1123 labels like the API server', () => {
    expect(isDNS1123Label('web')).toBe(true);
    expect(isDNS1123Label('web-0')).toBe(true);
    expect(isDNS1123Label('0web')).toBe(true);
    expect(isDNS1123Label('Web_1')).toBe(false);
    expect(isDNS1123Label('-web')).toBe(false);
    expect(isDNS1123Label('a'.repeat(63))).toBe(true);
    expect(isDNS1123Label('a'.repeat(64))).toBe(false);
    expect(isDNS1123Label('')).toBe(false);
  });

  it('words a bad label exactly as upstream (including the double space)', () => {
    expect(dns1123LabelErrors('Web_1')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(dns1123LabelErrors('web.nginx')).toEqual(['must not contain dots']);
    expect(dns1123LabelErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('treats dotted names as subdomains', () => {
    expect(isDNS1123Subdomain('web.nginx.default')).toBe(true);
    expect(isDNS1123Subdomain('web..nginx')).toBe(false);
    expect(dns1123SubdomainErrors('UPPER')[0]).toMatch(/^a lowercase RFC 1123 subdomain must consist of .*'example.com', regex used/);
    expect(dns1123SubdomainErrors('a'.repeat(254))).toContain('must be no more than 253 characters');
  });

  it('requires service names to start with a letter (DNS-1035)', () => {
    expect(dns1035LabelErrors('nginx')).toEqual([]);
    expect(dns1035LabelErrors('1nginx')[0]).toMatch(/^a DNS-1035 label must consist of/);
  });

  it('checks label keys and values', () => {
    expect(labelKeyErrors('app')).toEqual([]);
    expect(labelKeyErrors('app.kubernetes.io/name')).toEqual([]);
    expect(labelKeyErrors('Bad_Prefix/name')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(labelKeyErrors('a/b/c')[0]).toMatch(/^a valid label key must consist of/);
    expect(labelKeyErrors('/x')).toContain('prefix part must be non-empty');
    expect(labelValueErrors('')).toEqual([]);
    expect(labelValueErrors('nginx-1.9_x')).toEqual([]);
    expect(labelValueErrors('-bad')[0]).toMatch(/^a valid label must be an empty string or consist of/);
  });
});
