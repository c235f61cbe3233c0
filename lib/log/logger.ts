// Structured logs: one JSON object per line on stdout, e.g.
//   {"time":"2026-11-22T15:00:00.000Z","level":"info","msg":"request","method":"GET","path":"/api/readyz","status":200,"ms":2}
// Contract:
// - Fields are flat primitives. Strings are cut at 300 characters and stripped of control
//   characters, so one log call is one line.
// - Never logged: tokens, cookies, headers, query strings, object contents. Callers pass paths
//   through pathOnly(); a field whose name says secret (token, cookie, authorization, password,
//   secret, csrf) is replaced by "[redacted]" whatever it holds, as a second line of defence.
// - The level comes from STS_LOG_LEVEL (lib/config); a bad configuration logs at info.

import { getConfig, type LogLevel } from '../config/config.ts';

export type { LogLevel };

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  enabled(level: LogLevel): boolean;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /token|cookie|authori[sz]ation|password|secret|csrf/i;
const MAX_STRING = 300;

export interface LoggerOptions {
  /** The minimum level, read on every call (so a changed configuration applies at once). */
  level: () => LogLevel;
  write?: (line: string) => void;
  now?: () => number;
}

function clean(key: string, v: LogValue): LogValue {
  if (v === undefined || v === null) return v;
  if (SECRET_FIELD.test(key)) return '[redacted]';
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v !== 'string') return v;
  const s = v.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
}

export function formatLine(time: number, level: LogLevel, msg: string, fields: LogFields = {}): string {
  const out: Record<string, LogValue> = { time: new Date(time).toISOString(), level, msg: clean('msg', msg) };
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'time' || k === 'level' || k === 'msg') continue;
    const c = clean(k, v);
    if (c !== undefined) out[k] = c;
  }
  return JSON.stringify(out);
}

export function createLogger(opts: LoggerOptions): Logger {
  const write = opts.write ?? ((line: string) => { process.stdout.write(`${line}\n`); });
  const now = opts.now ?? Date.now;
  const enabled = (level: LogLevel) => RANK[level] >= RANK[opts.level()];
  const at = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (enabled(level)) write(formatLine(now(), level, msg, fields));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), enabled };
}

/** The path of a URL or request target without its query string or fragment. */
export function pathOnly(target: string | undefined): string {
  if (!target) return '';
  const cut = target.search(/[?#]/);
  return cut < 0 ? target : target.slice(0, cut);
}

function configuredLevel(): LogLevel {
  try {
    return getConfig().logLevel;
  } catch {
    return 'info';
  }
}

const KEY = Symbol.for('sts-topology.logger');

/** The process-wide logger (stdout, level from the configuration). */
export function getLogger(): Logger {
  const g = globalThis as { [KEY]?: Logger };
  g[KEY] ??= createLogger({ level: configuredLevel });
  return g[KEY];
}
