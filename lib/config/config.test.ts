import { describe, expect, it } from 'vitest';
import { ConfigError, getConfig, parseConfig } from './config.ts';
import { hostnameOfHostHeader, parseAllowedHost } from './hosts.ts';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('gives safe defaults when nothing is set (empty values count as unset)', () => {
    const c = parseConfig({ STS_MAX_REPLICAS: '', STS_READ_ONLY: '  ' });
    expect(c).toEqual({
      kubeconfig: null, context: null, embedded: false, namespaces: null, readOnly: false,
      allowedHosts: ['localhost', '127.0.0.1', '[::1]'], maxReplicas: 50, logLevel: 'info', accessToken: null, clusterDomain: null,
    });
  });

  it('reads every variable', () => {
    const c = parseConfig({
      STS_KUBECONFIG: '/tmp/kc', STS_CONTEXT: 'kind-kind', STS_EMBEDDED: '1', STS_NAMESPACES: 'default, workshop,,default',
      STS_READ_ONLY: 'TRUE', STS_ALLOWED_HOSTS: 'Dashboard.Example.com, [0:0:0:0:0:0:0:1], 10.0.0.5', STS_MAX_REPLICAS: '7',
      STS_LOG_LEVEL: 'debug', STS_ACCESS_TOKEN: 'abcdefghijklmnop', STS_CLUSTER_DOMAIN: 'corp.local',
    });
    expect(c).toEqual({
      kubeconfig: '/tmp/kc', context: 'kind-kind', embedded: true, namespaces: ['default', 'workshop'], readOnly: true,
      allowedHosts: ['dashboard.example.com', '[::1]', '10.0.0.5'], maxReplicas: 7, logLevel: 'debug',
      accessToken: 'abcdefghijklmnop', clusterDomain: 'corp.local',
    });
    expect(parseConfig({ STS_READ_ONLY: '0', STS_EMBEDDED: 'false' })).toMatchObject({ readOnly: false, embedded: false });
  });

  it.each([
    ['STS_MAX_REPLICAS', '0', /STS_MAX_REPLICAS="0" is not valid: must be at least 1 \(allowed: a whole number from 1 to 10000/],
    ['STS_MAX_REPLICAS', '10001', /STS_MAX_REPLICAS="10001" is not valid: must be at most 10000/],
    ['STS_MAX_REPLICAS', '2.5', /STS_MAX_REPLICAS="2.5" is not valid: must be a whole number/],
    ['STS_MAX_REPLICAS', 'many', /STS_MAX_REPLICAS="many" is not valid: must be a whole number/],
    ['STS_READ_ONLY', 'yes', /STS_READ_ONLY="yes" is not valid: .*\(allowed: true, false, 1 or 0\)/],
    ['STS_EMBEDDED', '2', /STS_EMBEDDED="2" is not valid/],
    ['STS_LOG_LEVEL', 'trace', /STS_LOG_LEVEL="trace" is not valid: must be one of debug, info, warn, error/],
    ['STS_NAMESPACES', 'default,Kube_System', /STS_NAMESPACES="default,Kube_System" is not valid: "Kube_System" is not a DNS-1123 label/],
    ['STS_ALLOWED_HOSTS', 'localhost:3000', /STS_ALLOWED_HOSTS="localhost:3000" is not valid: "localhost:3000": give the host name without a port/],
    ['STS_ALLOWED_HOSTS', '::1', /"::1": write IPv6 addresses in brackets, e.g. \[::1\]/],
    ['STS_ALLOWED_HOSTS', 'evil.com/@localhost', /"evil.com\/@localhost": not a host name/],
    ['STS_CLUSTER_DOMAIN', 'Not A Domain', /STS_CLUSTER_DOMAIN="Not A Domain" is not valid/],
  ])('refuses %s=%s with a message naming the variable, the value and what is allowed', (variable, value, message) => {
    const e = errorOf({ [variable]: value });
    expect(e.message).toMatch(message);
    expect(e.issues.map((i) => i.variable)).toEqual([variable]);
  });

  it('never prints the access token', () => {
    const e = errorOf({ STS_ACCESS_TOKEN: 'tooshort secret' });
    expect(e.message).toBe('STS_ACCESS_TOKEN=(value hidden) is not valid: must be at least 16 characters; must not contain spaces (allowed: at least 16 characters without spaces, or unset)');
    expect(e.message).not.toContain('tooshort');
  });

  it('lists every bad variable at once', () => {
    const e = errorOf({ STS_MAX_REPLICAS: '-3', STS_LOG_LEVEL: 'loud', STS_NAMESPACES: 'ok' });
    expect(e.issues.map((i) => i.variable)).toEqual(['STS_MAX_REPLICAS', 'STS_LOG_LEVEL']);
    expect(e.message.split('\n')).toHaveLength(2);
  });
});

describe('getConfig', () => {
  it('parses once per environment and again when a variable changes', () => {
    const env: Record<string, string | undefined> = { STS_MAX_REPLICAS: '9' };
    const a = getConfig(env);
    expect(getConfig(env)).toBe(a);
    env.STS_MAX_REPLICAS = '10';
    expect(getConfig(env).maxReplicas).toBe(10);
    env.STS_MAX_REPLICAS = 'x';
    expect(() => getConfig(env)).toThrow(ConfigError);
  });
});

describe('host names', () => {
  it.each([
    ['localhost:3000', 'localhost'], ['LOCALHOST', 'localhost'], ['127.0.0.1:80', '127.0.0.1'], ['[::1]:3000', '[::1]'],
    ['[0:0::1]', '[::1]'], ['127.1', '127.0.0.1'], ['', null], ['evil.com/@localhost', null], ['user@localhost', null], ['a b', null],
  ])('Host header %j -> %j', (header, hostname) => {
    expect(hostnameOfHostHeader(header)).toBe(hostname);
  });

  it('allowlist entries have no port', () => {
    expect(parseAllowedHost('[::1]')).toEqual({ ok: true, hostname: '[::1]' });
    expect(parseAllowedHost('localhost:80')).toEqual({ ok: false, problem: 'give the host name without a port' });
    expect(parseAllowedHost('[::1]:80').ok).toBe(false);
  });
});
