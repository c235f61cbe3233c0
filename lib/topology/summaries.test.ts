import { describe, expect, it } from 'vitest';
import { RELATION_RULES } from './relations.ts';
import { listStatefulSetSummaries } from './statefulset-info.ts';
import { aPod, aStatefulSet } from './testdata/builders.ts';
import { buildTopology } from './build-topology.ts';
import { NOW, at } from './testdata/builders.ts';
import { sceneInput, seededScene } from './testdata/scenarios.ts';

describe('listStatefulSetSummaries', () => {
  it('lists name, namespace and kubectl READY, sorted by name', () => {
    const db = aStatefulSet('db').replicas(3).counts({ ready: 1 }).build();
    const web = aStatefulSet('web').replicas(2).counts({ ready: 2 }).build();
    const cache = aStatefulSet('cache').build();
    cache.metadata.namespace = 'infra';
    delete (cache.status as Record<string, unknown>).readyReplicas;
    expect(listStatefulSetSummaries([web, db, cache])).toEqual([
      { namespace: 'infra', name: 'cache', ready: '0/1', replicas: 1 },
      { namespace: 'default', name: 'db', ready: '1/3', replicas: 3 },
      { namespace: 'default', name: 'web', ready: '2/2', replicas: 2 },
    ]);
  });
});

describe('relation rules', () => {
  it('is a table of the five named relations', () => {
    expect(RELATION_RULES.map((r) => `${r.name} ${r.label}`)).toEqual([
      'sts->svc serviceName', 'sts->pod owns', 'svc->pod selects', 'pod->pvc mounts', 'pvc->pv bound',
    ]);
  });
});

describe('warning events', () => {
  it('attaches Warning events to graph nodes, newest first, and skips Normal ones and other objects', () => {
    const ev = (name: string, kind: string, objName: string, type: string, seconds: number) => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, type, reason: 'R', message: `m-${name}`,
      count: 2, lastTimestamp: at(seconds), involvedObject: { kind, name: objName, namespace: 'default' },
    });
    const t = buildTopology(sceneInput({
      ...seededScene(),
      events: [
        ev('a', 'StatefulSet', 'web', 'Warning', 10), ev('b', 'Pod', 'web-1', 'Warning', 20),
        ev('c', 'Pod', 'web-1', 'Normal', 30), ev('d', 'Pod', 'other-0', 'Warning', 40),
      ],
    }), { now: NOW });
    expect(t.warningEvents).toEqual([
      { nodeId: 'Pod/default/web-1', reason: 'R', message: 'm-b', count: 2, lastSeen: at(20), past: null },
      { nodeId: 'StatefulSet/default/web', reason: 'R', message: 'm-a', count: 2, lastSeen: at(10), past: null },
    ]);
  });

  it('marks a pod warning past when the pod is scheduled since, or when it was about an earlier incarnation, and lists those last', () => {
    const scene = seededScene();
    const sts = scene.statefulSet;
    // web-1 failed to schedule, then got a node; web-0 was re-created (new uid) after a BackOff.
    const warn = (name: string, pod: string, reason: string, seconds: number, uid?: string) => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, type: 'Warning', reason, message: `m-${name}`,
      count: 1, lastTimestamp: at(seconds), involvedObject: { kind: 'Pod', name: pod, namespace: 'default', ...(uid ? { uid } : {}) },
    });
    const pending = aPod(sts, 2).build();
    const t = buildTopology(sceneInput({
      ...scene,
      statefulSet: aStatefulSet('web').replicas(3).withClaimTemplate('www').counts({ replicas: 3, ready: 2 }).build(),
      pods: [aPod(sts, 0).uid('uid-web-0-b').ready('10.244.1.30', 'node-1').build(), aPod(sts, 1).ready('10.244.1.11', 'node-2').build(), pending],
      events: [
        warn('old-backoff', 'web-0', 'BackOff', 50, 'uid-web-0'),
        warn('sched-1', 'web-1', 'FailedScheduling', 40, 'uid-web-1'),
        warn('sched-2', 'web-2', 'FailedScheduling', 30, 'uid-web-2'),
        warn('no-uid', 'web-1', 'BackOff', 20),
      ],
    }), { now: NOW });
    expect(t.warningEvents.map((w) => [w.message, w.past])).toEqual([
      ['m-sched-2', null],
      ['m-no-uid', null],
      ['m-old-backoff', 'it was about an earlier web-0; the pod has been re-created since'],
      ['m-sched-1', 'web-1 has been scheduled to node-2 since'],
    ]);
  });
});
