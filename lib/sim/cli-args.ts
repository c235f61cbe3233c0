// A small, strict flag parser for the launcher and the embedded cluster: `--name value`,
// `--name=value` and boolean `--flag`. Unknown flags and bad values are errors with a clear
// message, never silently ignored.

export type FlagSpec = Record<string, { type: 'string' | 'number' | 'boolean' | 'speed'; help: string }>;

export class UsageError extends Error {}

export type ParsedFlags = Record<string, string | number | boolean | undefined>;

export function parseFlags(argv: string[], spec: FlagSpec): ParsedFlags {
  const out: ParsedFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown flag --${name}`);
    if (s.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    out[name] = convert(name, s.type, value);
  }
  return out;
}

function convert(name: string, type: string, value: string): string | number {
  if (type === 'number') {
    if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
    return Number(value);
  }
  if (type === 'speed') {
    if (value === 'instant') return value;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new UsageError(`--${name} must be a number in (0, 1000] or "instant", got "${value}"`);
    return n;
  }
  return value;
}

export function checkPort(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v > 65535) throw new UsageError(`--${name} must be a port number 0-65535`);
  return v;
}

export function usage(title: string, spec: FlagSpec): string {
  const lines = Object.entries(spec).map(([k, s]) => `  --${k}${s.type === 'boolean' ? '' : ' <value>'}`.padEnd(28) + s.help);
  return `${title}\n\nFlags:\n${lines.join('\n')}`;
}

/** Most simulated nodes: node i runs its pods in 10.244.<i>.0/24. */
export const MAX_NODES = 250;

export function checkNodes(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v < 1 || v > MAX_NODES) throw new UsageError(`--nodes must be a number of nodes 1-${MAX_NODES}`);
  return v;
}
