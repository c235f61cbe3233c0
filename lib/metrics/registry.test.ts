// The Prometheus text exposition format 0.0.4, as a scraper parses it.

import { describe, expect, it } from 'vitest';
import { Registry } from './registry.ts';

describe('Registry.render', () => {
  it('writes HELP, TYPE and one sample per series, labels escaped', () => {
    const r = new Registry();
    const c = r.counter('demo_total', 'Demo\\counter\nwith newline.', ['action']);
    c.inc({ action: 'scale' });
    c.inc({ action: 'scale' }, 2);
    c.inc({ action: 'say "hi"\\\n' });
    r.gauge('demo_open', 'Open things.').set(4);
    expect(r.render()).toBe([
      '# HELP demo_total Demo\\\\counter\\nwith newline.',
      '# TYPE demo_total counter',
      'demo_total{action="scale"} 3',
      'demo_total{action="say \\"hi\\"\\\\\\n"} 1',
      '# HELP demo_open Open things.',
      '# TYPE demo_open gauge',
      'demo_open 4',
      '',
    ].join('\n'));
  });

  it('reads collected gauges at scrape time', () => {
    const r = new Registry();
    let n = 1;
    r.gauge('demo_clients', 'Clients.', [], () => [{ value: n }]);
    expect(r.render()).toContain('demo_clients 1\n');
    n = 7;
    expect(r.render()).toContain('demo_clients 7\n');
  });

  it('writes histograms with cumulative buckets, +Inf, _sum and _count', () => {
    const r = new Registry();
    const h = r.histogram('demo_seconds', 'Latency.', [0.1, 1]);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(3);
    expect(r.render().split('\n').slice(2, 7)).toEqual([
      'demo_seconds_bucket{le="0.1"} 1',
      'demo_seconds_bucket{le="1"} 2',
      'demo_seconds_bucket{le="+Inf"} 3',
      'demo_seconds_sum 3.55',
      'demo_seconds_count 3',
    ]);
  });

  it('refuses wrong label sets, bad names, duplicate metrics and counters going down', () => {
    const r = new Registry();
    const c = r.counter('a_total', 'A.', ['x']);
    expect(() => c.inc({})).toThrow(/takes labels x/);
    expect(() => c.inc({ x: '1', y: '2' })).toThrow();
    expect(() => c.inc({ x: '1' }, -1)).toThrow(/only goes up/);
    expect(() => r.counter('a_total', 'again')).toThrow(/twice/);
    expect(() => r.counter('bad-name', 'B.')).toThrow(/bad metric name/);
    expect(() => r.histogram('h', 'H.', [1], ['le'])).toThrow(/bad label name/);
  });
});
