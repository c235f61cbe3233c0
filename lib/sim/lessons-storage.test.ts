// Workshop lesson 4 (workshop-flows.md) against the embedded cluster, checked from kubectl's
// output: one Bound claim per pod named <template>-<set>-<ordinal>; a re-created web-0 mounts
// the same claim and volume; deleting the StatefulSet leaves the claims behind.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, createWeb, HAS_KUBECTL, parseTable, startLessonSession, type LessonSession } from './lessons-kubectl.ts';

const claimOf = (pod: string) => ['get', 'pod', pod, '-o', 'jsonpath={.spec.volumes[?(@.name=="www")].persistentVolumeClaim.claimName}'];
const PVC_UIDS = ['get', 'pvc', '-o', 'custom-columns=NAME:.metadata.name,UID:.metadata.uid'];

describe.skipIf(!HAS_KUBECTL)('lesson 4: storage state', () => {
  let s: LessonSession;
  let volumes: Record<string, string>;
  beforeAll(async () => {
    s = await startLessonSession({ speed: 10 });
    await createWeb(s);
  });
  afterAll(async () => { await s?.close(); });

  it('kubectl get pvc: www-web-0 and www-web-1 Bound, each to its own PV', async () => {
    const pvcs = parseTable(await s.ok('get', 'pvc'));
    expect(pvcs.map((p) => p.NAME)).toEqual(['www-web-0', 'www-web-1']);
    for (const p of pvcs) expect(p).toMatchObject({ STATUS: 'Bound', CAPACITY: '1Gi', 'ACCESS MODES': 'RWO' });
    volumes = Object.fromEntries(pvcs.map((p) => [p.NAME, p.VOLUME]));
    expect(volumes['www-web-0']).toMatch(/^pvc-[0-9a-f-]{36}$/);
    expect(volumes['www-web-1']).not.toBe(volumes['www-web-0']);

    const pvs = parseTable(await s.ok('get', 'pv'));
    for (const [claim, volume] of Object.entries(volumes)) {
      expect(pvs.find((p) => p.NAME === volume)).toMatchObject({ STATUS: 'Bound', CLAIM: `default/${claim}` });
    }
    expect(await s.ok(...claimOf('web-0'))).toBe('www-web-0');
    expect(await s.ok(...claimOf('web-1'))).toBe('www-web-1');
  });

  it('kubectl delete pod web-0: the new web-0 mounts the same claim, bound to the same volume', async () => {
    const podUid = await s.ok('get', 'pod', 'web-0', '-o', 'jsonpath={.metadata.uid}');
    const claimUids = column(await s.ok(...PVC_UIDS), 'UID');
    expect(await s.ok('delete', 'pod', 'web-0')).toMatch(/^pod "web-0" deleted/);
    expect(await s.ok('wait', '--for=condition=Ready', 'pod/web-0', '--timeout=30s')).toMatch(/^pod\/web-0 condition met/);

    expect(await s.ok('get', 'pod', 'web-0', '-o', 'jsonpath={.metadata.uid}')).not.toBe(podUid);
    expect(await s.ok(...claimOf('web-0'))).toBe('www-web-0');
    expect(await s.ok('describe', 'pod', 'web-0')).toMatch(/ClaimName:\s+www-web-0\n/);
    expect(column(await s.ok('get', 'pvc'), 'VOLUME')).toEqual(volumes);
    expect(column(await s.ok(...PVC_UIDS), 'UID')).toEqual(claimUids);
  });

  it('kubectl delete sts web: the pods go, kubectl get pvc still lists both claims, Bound', async () => {
    expect(await s.ok('delete', 'sts', 'web')).toMatch(/^statefulset.apps "web" deleted/);
    const deadline = Date.now() + 15_000;
    let left = await s.ok('get', 'pods', '-l', 'app=nginx', '-o', 'name');
    while (left && Date.now() < deadline) left = await s.ok('get', 'pods', '-l', 'app=nginx', '-o', 'name');
    expect(left, 'pods left after deleting the StatefulSet').toBe('');

    const pvcs = parseTable(await s.ok('get', 'pvc'));
    expect(pvcs.map((p) => [p.NAME, p.STATUS, p.VOLUME])).toEqual([
      ['www-web-0', 'Bound', volumes['www-web-0']],
      ['www-web-1', 'Bound', volumes['www-web-1']],
    ]);
  });
});
