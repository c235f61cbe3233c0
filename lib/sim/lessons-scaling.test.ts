// Workshop lesson 5 (workshop-flows.md) against the embedded cluster, one session from scale-up
// to cleanup, checked from kubectl's output. The pod watch uses --output-watch-events so that the
// moment a pod is gone (DELETED) is visible, not only its Terminating rows. Speed 10.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  column, createWeb, HAS_KUBECTL, indexOf, lifecycleOf, LIFECYCLE, parseTable, startLessonSession,
  type LessonSession, type Watch, type WatchRow,
} from './lessons-kubectl.ts';

const IMAGES = ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image'];
// statefulset-semantics.md §7.4, the messages kubectl rollout status may print for a RollingUpdate set.
const ROLLOUT_MESSAGES = [
  /^Waiting for statefulset spec update to be observed\.\.\.$/,
  /^Waiting for \d+ pods to be ready\.\.\.$/,
  /^Waiting for partitioned roll out to finish: \d+ out of 3 new pods have been updated\.\.\.$/,
  /^partitioned roll out complete: 3 new pods have been updated\.\.\.$/,
];

const isReady = (name: string) => (r: WatchRow) => r.name === name && r.ready === '1/1' && r.status === 'Running';
const isTerminating = (name: string) => (r: WatchRow) => r.name === name && r.status === 'Terminating';

/**
 * For a rolling update seen from row `from`: per pod, where it started Terminating and where its
 * replacement was next 1/1 Running (-1 when not seen).
 */
function rollSteps(rows: readonly WatchRow[], from: number, names: string[]): Record<string, { term: number; ready: number }> {
  return Object.fromEntries(names.map((name) => {
    const term = indexOf(rows, isTerminating(name), from);
    const fresh = term < 0 ? -1 : indexOf(rows, (r) => r.name === name && r.event === 'ADDED', term);
    return [name, { term, ready: fresh < 0 ? -1 : indexOf(rows, isReady(name), fresh) }];
  }));
}

async function rollTopDown(s: LessonSession, w: Watch, from: number): Promise<void> {
  const status = await s.ok('rollout', 'status', 'sts/web', '--timeout=30s');
  const lines = status.trim().split('\n');
  expect(lines.at(-1)).toBe('partitioned roll out complete: 3 new pods have been updated...');
  for (const line of lines) expect(ROLLOUT_MESSAGES.some((m) => m.test(line)), line).toBe(true);

  await w.until((r) => rollSteps(r, from, ['web-0'])['web-0'].ready >= 0, 'the new web-0 to be 1/1 Running');
  const steps = rollSteps(w.rows(), from, ['web-2', 'web-1', 'web-0']);
  const text = w.text().split('\n').slice(from + 1).join('\n');
  expect(steps['web-2'].term, text).toBeGreaterThanOrEqual(from);
  expect(steps['web-2'].ready, text).toBeGreaterThan(steps['web-2'].term);
  expect(steps['web-1'].term, text).toBeGreaterThan(steps['web-2'].ready);
  expect(steps['web-1'].ready, text).toBeGreaterThan(steps['web-1'].term);
  expect(steps['web-0'].term, text).toBeGreaterThan(steps['web-1'].ready);
  expect(steps['web-0'].ready, text).toBeGreaterThan(steps['web-0'].term);
}

describe.skipIf(!HAS_KUBECTL)('lesson 5: scaling and updates', () => {
  let s: LessonSession;
  let w: Watch;
  beforeAll(async () => {
    s = await startLessonSession({ speed: 10 });
    await createWeb(s);
    w = await s.watch('get', 'pods', '-w', '-l', 'app=nginx', '--output-watch-events');
    await w.until((r) => r.length >= 2, 'the initial list');
  });
  afterAll(async () => { await s?.close(); });

  it('kubectl scale --replicas=5 adds web-2, web-3, web-4 one at a time, each after the previous is 1/1 Running', async () => {
    const from = w.rows().length;
    expect(await s.ok('scale', 'statefulset', 'web', '--replicas=5')).toBe('statefulset.apps/web scaled\n');
    await w.until((r) => indexOf(r, isReady('web-4'), from) >= 0, 'web-4 1/1 Running');

    const rows = w.rows();
    const after = rows.slice(from);
    expect(new Set(after.map((r) => r.name)), w.text()).toEqual(new Set(['web-2', 'web-3', 'web-4']));
    for (const k of [2, 3, 4]) {
      const first = indexOf(rows, (r) => r.name === `web-${k}`);
      expect(rows[first]).toMatchObject({ event: 'ADDED', ready: '0/1', status: 'Pending' });
      expect(first, w.text()).toBeGreaterThan(indexOf(rows, isReady(`web-${k - 1}`)));
      expect(lifecycleOf(after, `web-${k}`)).toEqual(LIFECYCLE);
    }
    await s.ok('rollout', 'status', 'sts/web', '--timeout=30s');
    expect(parseTable(await s.ok('get', 'sts', 'web'))).toMatchObject([{ NAME: 'web', READY: '5/5' }]);
  });

  it('kubectl patch replicas 3 removes web-4, and web-3 only once web-4 is gone; all five claims stay', async () => {
    const from = w.rows().length;
    expect(await s.ok('patch', 'statefulset', 'web', '-p', '{"spec":{"replicas":3}}')).toBe('statefulset.apps/web patched\n');
    const gone = (name: string) => (r: WatchRow) => r.name === name && r.event === 'DELETED';
    await w.until((r) => indexOf(r, gone('web-3'), from) >= 0, 'web-3 to be deleted');

    const rows = w.rows();
    const text = w.text();
    const term4 = indexOf(rows, isTerminating('web-4'), from);
    const gone4 = indexOf(rows, gone('web-4'), from);
    const term3 = indexOf(rows, isTerminating('web-3'), from);
    expect(term4, text).toBeGreaterThanOrEqual(from);
    expect(gone4, text).toBeGreaterThan(term4);
    expect(term3, text).toBeGreaterThan(gone4);
    expect(rows.slice(from).filter((r) => !['web-3', 'web-4'].includes(r.name)), text).toEqual([]);

    expect(await s.ok('get', 'pods', '-o', 'name')).toBe('pod/web-0\npod/web-1\npod/web-2\n');
    const pvcs = parseTable(await s.ok('get', 'pvc'));
    expect(pvcs.map((p) => [p.NAME, p.STATUS])).toEqual([0, 1, 2, 3, 4].map((i) => [`www-web-${i}`, 'Bound']));
  });

  it('the JSON-patch image change rolls web-2, then web-1, then web-0; rollout status ends "partitioned roll out complete"', async () => {
    const from = w.rows().length;
    const patch = '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx-slim:0.7"}]';
    expect(await s.ok('patch', 'statefulset', 'web', '--type=json', `-p=${patch}`)).toBe('statefulset.apps/web patched\n');
    await rollTopDown(s, w, from);
    expect(column(await s.ok(...IMAGES), 'IMAGE')).toEqual({ 'web-0': 'nginx-slim:0.7', 'web-1': 'nginx-slim:0.7', 'web-2': 'nginx-slim:0.7' });
    expect(parseTable(await s.ok('get', 'sts', 'web', '-o', 'wide'))).toMatchObject([{ READY: '3/3', IMAGES: 'nginx-slim:0.7' }]);
  });

  it('kubectl rollout undo goes back to nginx:1.9.1, again from the highest ordinal down', async () => {
    const from = w.rows().length;
    expect(await s.ok('rollout', 'undo', 'sts/web')).toBe('statefulset.apps/web rolled back\n');
    await rollTopDown(s, w, from);
    expect(column(await s.ok(...IMAGES), 'IMAGE')).toEqual({ 'web-0': 'nginx:1.9.1', 'web-1': 'nginx:1.9.1', 'web-2': 'nginx:1.9.1' });
  });

  it('cleanup: delete the StatefulSet, the Service and the claims; nothing of web is left', async () => {
    expect(await s.ok('delete', 'statefulset', 'web')).toMatch(/^statefulset.apps "web" deleted/);
    expect(await s.ok('delete', 'service', 'nginx')).toMatch(/^service "nginx" deleted/);
    const claims = [0, 1, 2, 3, 4].map((i) => `www-web-${i}`);
    const out = await s.ok('delete', 'pvc', ...claims);
    expect(out.trim().split('\n').map((l) => /^persistentvolumeclaim "([^"]+)" deleted/.exec(l)?.[1])).toEqual(claims);

    const left = async () => [
      await s.ok('get', 'pods', '-l', 'app=nginx', '-o', 'name'),
      await s.ok('get', 'pvc', '-o', 'name'),
      await s.ok('get', 'pv', '-o', 'name'),
      await s.ok('get', 'sts,svc', '-l', 'app=nginx', '-o', 'name'),
    ].join('');
    const deadline = Date.now() + 15_000;
    let rest = await left();
    while (rest && Date.now() < deadline) rest = await left();
    expect(rest, 'objects left after the cleanup').toBe('');
  });
});
