// Workshop lesson 3 (workshop-flows.md) against the embedded cluster, checked from kubectl's
// output: `kubectl delete pod -l app=nginx` while `kubectl get pods -w` runs. Both pods terminate,
// web-0 comes back first and is Ready before web-1 is re-created; names stay, IPs change, the
// claims stay. Speed 5: a deleted pod lingers 0.3 s in Terminating, far longer than the gap
// between kubectl's two DELETE requests, so both pods are seen Terminating together.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, createWeb, HAS_KUBECTL, indexOf, startLessonSession, type LessonSession, type WatchRow } from './lessons-kubectl.ts';

const UIDS = ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,UID:.metadata.uid'];

describe.skipIf(!HAS_KUBECTL)('lesson 3: delete both pods and watch the recreation order', () => {
  let s: LessonSession;
  beforeAll(async () => {
    s = await startLessonSession({ speed: 5 });
    await createWeb(s);
  });
  afterAll(async () => { await s?.close(); });

  it('both terminate, web-0 returns and is 1/1 Running before web-1 is created; same names, new IPs, same claims', async () => {
    const ipBefore = column(await s.ok('get', 'pods', '-o', 'wide'), 'IP');
    const uidBefore = column(await s.ok(...UIDS), 'UID');
    const volumesBefore = column(await s.ok('get', 'pvc'), 'VOLUME');
    expect(Object.keys(ipBefore)).toEqual(['web-0', 'web-1']);

    const w = await s.watch('get', 'pods', '-w', '-l', 'app=nginx');
    await w.until((r) => r.length >= 2, 'the initial list');
    const from = w.rows().length;

    const deleted = await s.ok('delete', 'pod', '-l', 'app=nginx');
    expect(deleted).toMatch(/^pod "web-0" deleted[^\n]*\npod "web-1" deleted[^\n]*\n$/);
    // kubectl waited for the deletions: neither old pod (by uid) is left when it returns.
    const uidAtReturn = Object.values(column(await s.ok(...UIDS), 'UID'));
    expect(uidAtReturn).not.toContain(uidBefore['web-0']);
    expect(uidAtReturn).not.toContain(uidBefore['web-1']);

    const back = (name: string) => (r: WatchRow[]) => {
      const t = indexOf(r, (x) => x.name === name && x.status === 'Terminating', from);
      return t >= 0 && indexOf(r, (x) => x.name === name && x.ready === '1/1' && x.status === 'Running', t) >= 0;
    };
    await w.until(back('web-1'), 'web-1 to be 1/1 Running again');

    const rows = w.rows();
    const term0 = indexOf(rows, (x) => x.name === 'web-0' && x.status === 'Terminating', from);
    const term1 = indexOf(rows, (x) => x.name === 'web-1' && x.status === 'Terminating', from);
    const new0 = indexOf(rows, (x) => x.name === 'web-0' && x.status !== 'Terminating', term0);
    const ready0 = indexOf(rows, (x) => x.name === 'web-0' && x.ready === '1/1' && x.status === 'Running', new0);
    const new1 = indexOf(rows, (x) => x.name === 'web-1' && x.status !== 'Terminating', term1);
    const text = w.text();
    expect(term0, text).toBeGreaterThanOrEqual(from);
    expect(term1, text).toBeGreaterThanOrEqual(from);
    expect(Math.max(term0, term1), text).toBeLessThan(new0);
    expect(rows[new0], text).toMatchObject({ ready: '0/1', status: 'Pending' });
    expect(ready0, text).toBeGreaterThan(new0);
    expect(new1, text).toBeGreaterThan(ready0);
    expect(rows[new1], text).toMatchObject({ ready: '0/1', status: 'Pending' });

    const after = column(await s.ok('get', 'pods', '-o', 'wide'), 'IP');
    expect(Object.keys(after)).toEqual(['web-0', 'web-1']);
    for (const name of ['web-0', 'web-1']) {
      expect(after[name]).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(after[name], `${name} kept its IP ${ipBefore[name]}`).not.toBe(ipBefore[name]);
    }
    const uidAfter = column(await s.ok(...UIDS), 'UID');
    expect(uidAfter['web-0']).not.toBe(uidBefore['web-0']);
    expect(uidAfter['web-1']).not.toBe(uidBefore['web-1']);
    expect(column(await s.ok('get', 'pvc'), 'VOLUME')).toEqual(volumesBefore);
  });
});
