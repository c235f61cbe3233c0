import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyMergePatch, PatchError } from './patch.ts';

const sts = () => ({
  metadata: { name: 'web', labels: { app: 'nginx', 'a/b': 'x', 'm~n': 'y' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } } },
});

function patchError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PatchError);
    return (e as Error).message;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch (RFC 6902)', () => {
  it('replaces the image the way the workshop command does, without touching the input', () => {
    const doc = sts();
    const out = applyJsonPatch(doc, [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx-slim:0.7' }]) as ReturnType<typeof sts>;
    expect(out.spec.template.spec.containers[0].image).toBe('nginx-slim:0.7');
    expect(doc.spec.template.spec.containers[0].image).toBe('nginx:1.9.1');
  });

  it('adds into objects, at array indexes and at the end with "-"', () => {
    const out = applyJsonPatch(sts(), [
      { op: 'add', path: '/spec/minReadySeconds', value: 5 },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar' } },
      { op: 'add', path: '/spec/template/spec/containers/0', value: { name: 'first' } },
    ]) as ReturnType<typeof sts> & { spec: { minReadySeconds: number } };
    expect(out.spec.minReadySeconds).toBe(5);
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['first', 'nginx', 'sidecar']);
  });

  it('removes keys and array elements', () => {
    const out = applyJsonPatch(sts(), [
      { op: 'remove', path: '/spec/replicas' },
      { op: 'remove', path: '/spec/template/spec/containers/0' },
    ]) as { spec: { replicas?: number; template: { spec: { containers: unknown[] } } } };
    expect(out.spec.replicas).toBeUndefined();
    expect(out.spec.template.spec.containers).toEqual([]);
  });

  it('unescapes ~1 and ~0 in pointers', () => {
    const out = applyJsonPatch(sts(), [
      { op: 'replace', path: '/metadata/labels/a~1b', value: 'z' },
      { op: 'remove', path: '/metadata/labels/m~0n' },
    ]) as ReturnType<typeof sts>;
    expect(out.metadata.labels).toEqual({ app: 'nginx', 'a/b': 'z' });
  });

  it('moves and copies values', () => {
    const out = applyJsonPatch({ a: { x: 1 }, b: {} }, [
      { op: 'copy', from: '/a/x', path: '/b/y' },
      { op: 'move', from: '/a', path: '/c' },
    ]);
    expect(out).toEqual({ b: { y: 1 }, c: { x: 1 } });
    expect(patchError(() => applyJsonPatch({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]))).toMatch(/into its own child/);
  });

  it('tests values structurally and aborts the whole patch when a test fails', () => {
    expect(applyJsonPatch({ a: { x: 1, y: [1, 2] } }, [{ op: 'test', path: '/a', value: { y: [1, 2], x: 1 } }])).toEqual({ a: { x: 1, y: [1, 2] } });
    const doc = { a: 1 };
    expect(patchError(() => applyJsonPatch(doc, [{ op: 'replace', path: '/a', value: 2 }, { op: 'test', path: '/a', value: 1 }]))).toBe('testing value /a failed: test failed');
    expect(doc.a).toBe(1);
  });

  it('replaces the whole document at the root pointer', () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
  });

  it('says what is wrong with a patch that does not apply', () => {
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'replace', path: '/spec/foo', value: 1 }]))).toBe('replace operation does not apply: doc is missing path: /spec/foo');
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'remove', path: '/spec/template/spec/containers/3' }]))).toBe('remove operation does not apply: doc is missing path: /spec/template/spec/containers/3');
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'add', path: '/nope/x', value: 1 }]))).toBe('add operation does not apply: doc is missing path: /nope/x');
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'add', path: '/spec/template/spec/containers/05', value: 1 }]))).toMatch(/doc is missing path/);
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'copy', from: '/x', path: '/y' }]))).toBe('copy operation does not apply: doc is missing from path: /x');
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'frobnicate', path: '/a' }]))).toBe('Unexpected kind: frobnicate');
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'add', path: 'spec' , value: 1 }]))).toMatch(/does not start with "\/"/);
    expect(patchError(() => applyJsonPatch(sts(), [{ op: 'add', path: '/a' }]))).toMatch(/missing "value"/);
    expect(patchError(() => applyJsonPatch(sts(), { op: 'add' }))).toMatch(/must be an array/);
  });
});

describe('applyMergePatch (RFC 7386)', () => {
  it('merges objects, deletes on null and replaces arrays whole', () => {
    const out = applyMergePatch(sts(), { metadata: { labels: { app: null, tier: 'web' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'x' }] } } } });
    expect(out).toEqual({
      metadata: { name: 'web', labels: { 'a/b': 'x', 'm~n': 'y', tier: 'web' } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'x' }] } } },
    });
  });

  it('follows the RFC examples for non-object targets and patches', () => {
    expect(applyMergePatch({ a: 'b' }, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
    expect(applyMergePatch(['a'], { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'foo' }, 'bar')).toBe('bar');
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });
});
