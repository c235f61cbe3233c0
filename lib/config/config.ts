// THE dashboard configuration: every STS_* environment variable, parsed and checked in one place.
// Contract:
// - parseConfig(env) is pure: it returns a Config or throws a ConfigError naming each bad
//   variable, its value (never the access token's) and what is allowed. The launcher calls it
//   before starting anything, so a typo fails at once instead of on the first request.
// - getConfig() is what server code calls: parsed once per distinct environment and kept on
//   globalThis (route modules are bundled separately; hot reloads re-evaluate modules). It
//   re-parses only when an STS_* variable changed (tests change them; production never does).
// - An empty variable counts as unset.
// Confirmation prompts are a browser-side setting, not configuration.

import { z } from 'zod';
import { isDNS1123Label, isDNS1123Subdomain } from '../kube/names.ts';
import { parseAllowedHost } from './hosts.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  /** STS_KUBECONFIG: kubeconfig path; null = kubectl's rules (KUBECONFIG, ~/.kube/config, in-cluster). */
  kubeconfig: string | null;
  /** STS_CONTEXT: kubeconfig context; null = the current one. */
  context: string | null;
  /** STS_EMBEDDED: the cluster is the embedded one the launcher started. */
  embedded: boolean;
  /** STS_NAMESPACES: the namespaces the dashboard may show; null = every namespace it may list. */
  namespaces: string[] | null;
  /** STS_READ_ONLY: no mutating route changes anything (they answer 403). */
  readOnly: boolean;
  /** STS_ALLOWED_HOSTS: Host header names accepted (normalised, no port). */
  allowedHosts: string[];
  /** STS_MAX_REPLICAS: the highest replica count the scale action accepts. */
  maxReplicas: number;
  /** STS_LOG_LEVEL. */
  logLevel: LogLevel;
  /** STS_ACCESS_TOKEN: when set, every request must carry it (see lib/guard/access-token.ts). */
  accessToken: string | null;
  /** STS_CLUSTER_DOMAIN: DNS zone of the cluster; null = cluster.local. */
  clusterDomain: string | null;
}

export const CONFIG_VARIABLES = [
  'STS_KUBECONFIG', 'STS_CONTEXT', 'STS_EMBEDDED', 'STS_NAMESPACES', 'STS_READ_ONLY', 'STS_ALLOWED_HOSTS',
  'STS_MAX_REPLICAS', 'STS_LOG_LEVEL', 'STS_ACCESS_TOKEN', 'STS_CLUSTER_DOMAIN',
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
export const DEFAULT_MAX_REPLICAS = 50;
const SECRET: ReadonlySet<ConfigVariable> = new Set(['STS_ACCESS_TOKEN']);

export interface ConfigIssue {
  variable: ConfigVariable;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

const bool = z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], case: 'insensitive', error: 'not a recognised true/false value' }).optional();

/** A comma-separated list: entries trimmed, empty ones dropped, duplicates removed. */
function commaList(item: z.ZodType<string, string>) {
  return z.string()
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(item));
}

const namespaceName = z.string().refine(isDNS1123Label, { error: (i) => `"${String(i.input)}" is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)` });

const hostName = z.string().transform((s, ctx) => {
  const r = parseAllowedHost(s);
  if (r.ok) return r.hostname;
  ctx.issues.push({ code: 'custom', input: s, message: `"${s}": ${r.problem}` });
  return z.NEVER;
});

const SCHEMA = {
  STS_KUBECONFIG: z.string().optional(),
  STS_CONTEXT: z.string().optional(),
  STS_EMBEDDED: bool,
  STS_NAMESPACES: commaList(namespaceName).optional(),
  STS_READ_ONLY: bool,
  STS_ALLOWED_HOSTS: commaList(hostName).optional(),
  STS_MAX_REPLICAS: z.string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().min(1, { error: 'must be at least 1' }).max(10_000, { error: 'must be at most 10000' }))
    .optional(),
  STS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).optional(),
  STS_ACCESS_TOKEN: z.string()
    .min(16, { error: 'must be at least 16 characters' })
    .regex(/^\S+$/, { error: 'must not contain spaces' })
    .optional(),
  STS_CLUSTER_DOMAIN: z.string().refine(isDNS1123Subdomain, { error: 'must be a DNS name such as cluster.local' }).optional(),
} satisfies Record<ConfigVariable, z.ZodType>;

const ALLOWED: Record<ConfigVariable, string> = {
  STS_KUBECONFIG: 'a path to a kubeconfig file',
  STS_CONTEXT: 'a context name from the kubeconfig',
  STS_EMBEDDED: 'true, false, 1 or 0',
  STS_NAMESPACES: 'a comma-separated list of namespace names, e.g. default,workshop',
  STS_READ_ONLY: 'true, false, 1 or 0',
  STS_ALLOWED_HOSTS: 'a comma-separated list of host names without ports, e.g. localhost,127.0.0.1,[::1]',
  STS_MAX_REPLICAS: 'a whole number from 1 to 10000, default 50',
  STS_LOG_LEVEL: 'debug, info, warn or error, default info',
  STS_ACCESS_TOKEN: 'at least 16 characters without spaces, or unset',
  STS_CLUSTER_DOMAIN: 'a DNS name, e.g. cluster.local',
};

function describeIssue(variable: ConfigVariable, raw: string, issues: readonly z.core.$ZodIssue[]): ConfigIssue {
  const shown = SECRET.has(variable) ? '(value hidden)' : JSON.stringify(raw);
  const what = [...new Set(issues.map((i) => i.message))].join('; ');
  return { variable, message: `${variable}=${shown} is not valid: ${what} (allowed: ${ALLOWED[variable]})` };
}

/** Parses the STS_* variables of env. Throws ConfigError listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const issues: ConfigIssue[] = [];
  const values: Partial<Record<ConfigVariable, unknown>> = {};
  for (const variable of CONFIG_VARIABLES) {
    const raw = env[variable]?.trim() || undefined;
    const r = SCHEMA[variable].safeParse(raw);
    if (r.success) values[variable] = r.data;
    else issues.push(describeIssue(variable, raw ?? '', r.error.issues));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const v = values as { [K in ConfigVariable]: z.output<(typeof SCHEMA)[K]> };
  return {
    kubeconfig: v.STS_KUBECONFIG ?? null,
    context: v.STS_CONTEXT ?? null,
    embedded: v.STS_EMBEDDED ?? false,
    namespaces: v.STS_NAMESPACES && v.STS_NAMESPACES.length > 0 ? v.STS_NAMESPACES : null,
    readOnly: v.STS_READ_ONLY ?? false,
    allowedHosts: v.STS_ALLOWED_HOSTS && v.STS_ALLOWED_HOSTS.length > 0 ? v.STS_ALLOWED_HOSTS : [...DEFAULT_ALLOWED_HOSTS],
    maxReplicas: v.STS_MAX_REPLICAS ?? DEFAULT_MAX_REPLICAS,
    logLevel: v.STS_LOG_LEVEL ?? 'info',
    accessToken: v.STS_ACCESS_TOKEN ?? null,
    clusterDomain: v.STS_CLUSTER_DOMAIN ?? null,
  };
}

const KEY = Symbol.for('sts-topology.config');

/** The process's configuration (see the contract above). Throws ConfigError while a variable is bad. */
export function getConfig(env: Record<string, string | undefined> = process.env): Config {
  const g = globalThis as { [KEY]?: { key: string; config: Config } };
  const key = JSON.stringify(CONFIG_VARIABLES.map((v) => env[v] ?? null));
  if (g[KEY]?.key !== key) g[KEY] = { key, config: parseConfig(env) };
  return g[KEY].config;
}
