// Log lines: one JSON object per line, the configured level, and nothing secret.

import { describe, expect, it } from 'vitest';
import { createLogger, formatLine, pathOnly, type LogLevel } from './logger.ts';

describe('logger', () => {
  it('writes one JSON line per call at or above the level', () => {
    const lines: string[] = [];
    let level: LogLevel = 'info';
    const log = createLogger({ level: () => level, write: (l) => lines.push(l), now: () => Date.UTC(2026, 10, 22) });
    log.debug('hidden');
    log.info('request', { method: 'GET', path: '/api/x', status: 200, ms: 1.5, skipped: undefined });
    level = 'error';
    log.warn('hidden too');
    expect(lines).toEqual(['{"time":"2026-11-22T00:00:00.000Z","level":"info","msg":"request","method":"GET","path":"/api/x","status":200,"ms":1.5}']);
  });

  it('redacts fields named like secrets and keeps values on one line', () => {
    const line = formatLine(0, 'warn', 'x\ny', { token: 'abc', Cookie: 'sts_token=abc', authorization: 'Bearer abc', csrfToken: 'z', note: 'a\nb\u0000c', long: 'x'.repeat(400) });
    expect(line.includes('\n')).toBe(false);
    const o = JSON.parse(line);
    expect(o).toMatchObject({ msg: 'x y', token: '[redacted]', Cookie: '[redacted]', authorization: '[redacted]', csrfToken: '[redacted]', note: 'a b c' });
    expect(o.long).toHaveLength(301);
    expect(line).not.toContain('abc');
  });

  it('pathOnly drops query strings and fragments (where ?token= would be)', () => {
    expect(pathOnly('/namespaces/default/statefulsets/web?token=secret#x')).toBe('/namespaces/default/statefulsets/web');
    expect(pathOnly('/api/healthz')).toBe('/api/healthz');
    expect(pathOnly(undefined)).toBe('');
  });
});
