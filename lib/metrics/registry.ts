// A minimal Prometheus registry: counters, gauges (set, or read at scrape time) and histograms,
// rendered in the text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). No dependency.
// Contract: metric and label names are fixed at registration; label values are escaped; series
// appear in the order first used. Keep label values bounded (resource kinds, action names,
// event types), never object names or user input.

export type Labels = Readonly<Record<string, string>>;

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

abstract class Metric {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  abstract readonly type: 'counter' | 'gauge' | 'histogram';

  constructor(name: string, help: string, labelNames: readonly string[]) {
    if (!NAME_RE.test(name)) throw new Error(`bad metric name ${name}`);
    for (const l of labelNames) if (!LABEL_RE.test(l) || l === 'le') throw new Error(`bad label name ${l} on ${name}`);
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
  }

  protected key(labels: Labels): string {
    const names = Object.keys(labels);
    if (names.length !== this.labelNames.length || !this.labelNames.every((n) => n in labels)) {
      throw new Error(`${this.name} takes labels ${this.labelNames.join(', ') || '(none)'}, got ${names.join(', ') || '(none)'}`);
    }
    return JSON.stringify(this.labelNames.map((n) => labels[n]));
  }

  protected ordered(labels: Labels): Labels {
    return Object.fromEntries(this.labelNames.map((n) => [n, labels[n]]));
  }

  /** The sample lines; a metric without labels shows 0 before its first use, as client libraries do. */
  abstract samples(): string[];

  render(): string {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`, ...this.samples()].join('\n');
  }
}

export class Counter extends Metric {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error(`${this.name}: a counter only goes up`);
    const k = this.key(labels);
    const e = this.values.get(k);
    if (e) e.value += by;
    else this.values.set(k, { labels: this.ordered(labels), value: by });
  }

  get(labels: Labels = {}): number {
    return this.values.get(this.key(labels))?.value ?? 0;
  }

  samples(): string[] {
    if (this.values.size === 0 && this.labelNames.length === 0) return [`${this.name} 0`];
    return [...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${formatValue(e.value)}`);
  }
}

export class Gauge extends Metric {
  readonly type = 'gauge';
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  private readonly collect?: () => Array<{ labels?: Labels; value: number }>;

  /** With `collect`, the gauge's series are read at scrape time (set/inc are then not used). */
  constructor(name: string, help: string, labelNames: readonly string[], collect?: () => Array<{ labels?: Labels; value: number }>) {
    super(name, help, labelNames);
    this.collect = collect;
  }

  set(value: number, labels: Labels = {}): void {
    this.values.set(this.key(labels), { labels: this.ordered(labels), value });
  }

  inc(labels: Labels = {}, by = 1): void {
    this.set(this.get(labels) + by, labels);
  }

  dec(labels: Labels = {}, by = 1): void {
    this.set(this.get(labels) - by, labels);
  }

  get(labels: Labels = {}): number {
    return this.values.get(this.key(labels))?.value ?? 0;
  }

  samples(): string[] {
    const series = this.collect
      ? this.collect().map((s) => ({ labels: this.ordered(s.labels ?? {}), value: s.value }))
      : [...this.values.values()];
    if (series.length === 0 && this.labelNames.length === 0) return [`${this.name} 0`];
    return series.map((e) => `${this.name}${labelText(e.labels)} ${formatValue(e.value)}`);
  }
}

export class Histogram extends Metric {
  readonly type = 'histogram';
  readonly buckets: readonly number[];
  private readonly values = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    super(name, help, labelNames);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(value: number, labels: Labels = {}): void {
    const k = this.key(labels);
    let e = this.values.get(k);
    if (!e) {
      e = { labels: this.ordered(labels), counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.values.set(k, e);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) e.counts[i]++;
    e.sum += value;
    e.count++;
  }

  count(labels: Labels = {}): number {
    return this.values.get(this.key(labels))?.count ?? 0;
  }

  samples(): string[] {
    const out: string[] = [];
    const series = [...this.values.values()];
    if (series.length === 0 && this.labelNames.length === 0) series.push({ labels: {}, counts: this.buckets.map(() => 0), sum: 0, count: 0 });
    for (const e of series) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${labelText(e.labels, ['le', formatValue(b)])} ${e.counts[i]}`));
      out.push(`${this.name}_bucket${labelText(e.labels, ['le', '+Inf'])} ${e.count}`);
      out.push(`${this.name}_sum${labelText(e.labels)} ${formatValue(e.sum)}`);
      out.push(`${this.name}_count${labelText(e.labels)} ${e.count}`);
    }
    return out;
  }
}

export class Registry {
  private readonly metrics = new Map<string, Metric>();

  private add<M extends Metric>(m: M): M {
    if (this.metrics.has(m.name)) throw new Error(`metric ${m.name} is registered twice`);
    this.metrics.set(m.name, m);
    return m;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = [], collect?: () => Array<{ labels?: Labels; value: number }>): Gauge {
    return this.add(new Gauge(name, help, labelNames, collect));
  }

  histogram(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /** The text exposition (Content-Type: text/plain; version=0.0.4). */
  render(): string {
    return `${[...this.metrics.values()].map((m) => m.render()).join('\n')}\n`;
  }
}

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
