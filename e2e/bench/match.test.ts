import { describe, expect, it } from 'vitest';
import type { Commit } from './bench-cluster.ts';
import type { AttrRecord } from './browser-probes.ts';
import { JsonStreamSplitter } from './json-stream.ts';
import { deliveryLatencies, matchDom, matchSeq, pairedDifference, patchCoverage } from './match.ts';

const commit = (seq: number, pod: string, ready: boolean, restarts: number, at: number): Commit => ({ seq, pod, ready, restarts, rv: String(seq), at });

describe('pairing writes with what observers saw', () => {
  const commits = [commit(1, 'web-0', false, 1, 1000), commit(2, 'web-1', false, 1, 1050), commit(3, 'web-0', true, 2, 1100)];

  it('DOM: the k-th write on a pod is the first later flip to the value it wrote', () => {
    const records: AttrRecord[] = [
      ['Pod/ns/web-0', 'data-status', 'Running', 1001],
      ['Pod/ns/web-0', 'data-ready', 'false', 1020],
      ['Pod/ns/web-0', 'data-ready', 'true', 1130],
      ['Pod/other/web-1', 'data-ready', 'false', 1060],
    ];
    const m = matchDom(commits, records, 'Pod/ns/');
    expect(m.latencies).toEqual([20, 30]);
    expect(m.missed).toBe(1);
  });

  it('a flip seen before the write is not credited to it', () => {
    const m = matchDom([commit(1, 'web-0', true, 1, 1000)], [['Pod/ns/web-0', 'data-ready', 'true', 900]], 'Pod/ns/');
    expect(m.missed).toBe(1);
  });

  it('by seq, and the per-change difference of two observers', () => {
    const kubectl = matchSeq(commits, new Map([[1, 1005], [2, 1060], [3, 1104]]));
    const dom = matchSeq(commits, new Map([[1, 1020], [3, 1130]]));
    expect(kubectl.latencies).toEqual([5, 10, 4]);
    expect(pairedDifference(dom, kubectl).sort()).toEqual([15, 26]);
  });

  it('SSE: a patch carrying restartCount r delivers every earlier write on that pod', () => {
    const ev = (id: string, pods: Array<{ name: string; restartCount: number }>) => ({ id, event: 'patch', data: JSON.stringify({ pods: { upsert: pods, remove: [], order: null } }), at: 0 });
    const ref = [ev('7', [{ name: 'web-1', restartCount: 1 }]), ev('8', [{ name: 'web-0', restartCount: 2 }])];
    const cov = patchCoverage(commits, ref);
    expect(cov.get('7')?.map((c) => c.seq)).toEqual([2]);
    expect(cov.get('8')?.map((c) => c.seq)).toEqual([1, 3]);
    expect(deliveryLatencies(cov, [{ id: '8', event: 'patch', at: 1200 }, { id: '8', event: 'snapshot', at: 1300 }])).toEqual([200, 100]);
  });
});

describe('JsonStreamSplitter', () => {
  it('splits concatenated documents across chunk boundaries, braces in strings included', () => {
    const s = new JsonStreamSplitter();
    const docs = [{ a: '}{"' }, { b: { c: 1 } }].map((d) => JSON.stringify(d, null, 2));
    const text = docs.join('\n');
    const out = [...s.push(text.slice(0, 7)), ...s.push(text.slice(7, 20)), ...s.push(text.slice(20))];
    expect(out.map((d) => JSON.parse(d))).toEqual([{ a: '}{"' }, { b: { c: 1 } }]);
  });
});
