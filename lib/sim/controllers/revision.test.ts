import { describe, expect, it } from 'vitest';
import {
  applyRevision,
  canonicalRaw,
  equalRevision,
  fnv1_32,
  hashRevisionRaw,
  newControllerRevision,
  nextRevisionNumber,
  revisionData,
  revisionsToTruncate,
  safeEncodeString,
  sortRevisions,
  type ControllerRevision,
} from './revision.ts';
import { goJson } from './revision-json.ts';

// The verified vectors of statefulset-semantics.md §3.6 (upstream testdata/compatibility_revision_1.3{3,4}.0.json).
const RAW_133 =
  '{"spec":{"template":{"$patch":"replace","metadata":{"annotations":{"test":"value"},"creationTimestamp":null,"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}';
const RAW_134 = RAW_133.replace('"creationTimestamp":null,', '');

// The same defaulted template as a client would hold it (keys in arbitrary order).
const TEMPLATE = {
  metadata: { labels: { app: 'foo' }, annotations: { test: 'value' } },
  spec: {
    restartPolicy: 'Always',
    containers: [{ name: 'test', image: 'test', terminationMessagePolicy: 'File', terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'Always', resources: {} }],
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  },
};

const SET = { metadata: { name: 'test', namespace: 'test', uid: 'ssuid', annotations: { a: 'b' } }, spec: { template: TEMPLATE } };

describe('revision hash', () => {
  it('hashes the 1.33 payload to c77f6d978', () => {
    expect(hashRevisionRaw(RAW_133, 0)).toBe('c77f6d978');
  });

  it('hashes the 1.34+ payload to 776999688b', () => {
    expect(hashRevisionRaw(RAW_134, 0)).toBe('776999688b');
  });

  it('builds the exact 1.34 bytes from a template, including a null creationTimestamp sent by a client', () => {
    expect(goJson(revisionData(TEMPLATE))).toBe(RAW_134);
    const withNull = { ...TEMPLATE, metadata: { ...TEMPLATE.metadata, creationTimestamp: null } };
    expect(goJson(revisionData(withNull))).toBe(RAW_134);
  });

  it('names a new revision <set>-<hash> with hash label, set annotations and a controller ref', () => {
    const rev = newControllerRevision(SET, TEMPLATE, 1, 0);
    expect(rev.metadata.name).toBe('test-776999688b');
    expect(rev.metadata.labels).toEqual({ app: 'foo', 'controller.kubernetes.io/hash': '776999688b' });
    expect(rev.metadata.annotations).toEqual({ a: 'b' });
    expect(rev.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'test', uid: 'ssuid', controller: true, blockOwnerDeletion: true }]);
    expect(rev.revision).toBe(1);
    expect(JSON.stringify(rev.data)).toBe(RAW_134);
  });

  it('changes the name when the collision count changes', () => {
    expect(newControllerRevision(SET, TEMPLATE, 1, 1).metadata.name).not.toBe('test-776999688b');
  });

  it('implements FNV-1 (not 1a) and the safe alphabet', () => {
    expect(fnv1_32(new Uint8Array())).toBe(0x811c9dc5);
    // FNV-1 of "a": (offset * prime) ^ 0x61
    expect(fnv1_32(new TextEncoder().encode('a'))).toBe(0x050c5d7e);
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
});

describe('Go JSON', () => {
  it('sorts keys, is compact and escapes like Go', () => {
    expect(goJson({ b: 1, a: ['<x>&', '\n\u2028'], c: { z: true, y: null } })).toBe('{"a":["\\u003cx\\u003e\\u0026","\\n\\u2028"],"b":1,"c":{"y":null,"z":true}}');
    expect(goJson('\u0001\b')).toBe('"\\u0001\\b"');
  });
});

function rev(name: string, revision: number, template: unknown, created = '2026-01-01T00:00:00Z'): ControllerRevision {
  return { metadata: { name, creationTimestamp: created }, data: revisionData(template), revision };
}

describe('revision equality, order and history', () => {
  it('treats a 1.33 payload and the 1.34 payload as equal, a different image as different', () => {
    const old: ControllerRevision = { metadata: { name: 'test-c77f6d978' }, data: JSON.parse(RAW_133), revision: 1 };
    expect(equalRevision(old, rev('test-776999688b', 2, TEMPLATE))).toBe(true);
    expect(equalRevision({ ...old, data: RAW_133 }, rev('x', 2, TEMPLATE))).toBe(true);
    const other = structuredClone(TEMPLATE);
    other.spec.containers[0].image = 'test:2';
    expect(equalRevision(old, rev('y', 2, other))).toBe(false);
    expect(canonicalRaw(old.data)).toBe(RAW_134);
  });

  it('sorts by revision, then creation time, then name; next revision is max+1', () => {
    const list = [rev('c', 2, {}), rev('b', 1, {}, '2026-01-02T00:00:00Z'), rev('a', 1, {}, '2026-01-02T00:00:00Z'), rev('d', 1, {})];
    const sorted = sortRevisions(list);
    expect(sorted.map((r) => r.metadata.name)).toEqual(['d', 'a', 'b', 'c']);
    expect(nextRevisionNumber(sorted)).toBe(3);
    expect(nextRevisionNumber([])).toBe(1);
  });

  it('applies a revision by replacing the template only', () => {
    const set = { metadata: { name: 'web' }, spec: { replicas: 3, template: { metadata: { labels: { x: 'y' } } } } };
    const out = applyRevision(set, rev('r', 1, TEMPLATE));
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template).toEqual(TEMPLATE);
    expect(set.spec.template).toEqual({ metadata: { labels: { x: 'y' } } });
  });

  it('truncates the oldest non-live revisions beyond the limit', () => {
    const sorted = [1, 2, 3, 4, 5, 6].map((n) => rev(`r${n}`, n, { n }));
    const live = new Set(['r5', 'r6', 'r1']);
    expect(revisionsToTruncate(sorted, live, 2).map((r) => r.metadata.name)).toEqual(['r2']);
    expect(revisionsToTruncate(sorted, live, 0).map((r) => r.metadata.name)).toEqual(['r2', 'r3', 'r4']);
    expect(revisionsToTruncate(sorted, live, -1)).toEqual([]);
    expect(revisionsToTruncate(sorted, live, 10)).toEqual([]);
  });
});

describe('Go JSON key order', () => {
  it('sorts keys by UTF-8 bytes (astral characters after U+FFFD)', () => {
    expect(goJson({ '\u{1F600}': 1, '\uFFFD': 2, b: 3, B: 4, é: 5 })).toBe('{"B":4,"b":3,"é":5,"\uFFFD":2,"\u{1F600}":1}');
  });
});
