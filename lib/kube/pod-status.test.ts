import { describe, expect, it } from 'vitest';
import { podStatus, type ContainerStatusLike, type PodConditionLike } from './pod-status.ts';
import type { KubeObject } from './types.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const S = 1000;
const D = 24 * 3600 * S;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

interface PodIn {
  containers?: number | string[];
  init?: number | Array<{ name: string; sidecar?: boolean }>;
  phase?: string;
  reason?: string;
  conditions?: PodConditionLike[];
  ics?: ContainerStatusLike[];
  cs?: ContainerStatusLike[];
  deleted?: boolean;
}

// Go's make([]api.Container, n) gives unnamed containers; a number does the same here.
function named(x: number | string[] | undefined): Array<{ name: string }> {
  if (typeof x === 'number') return Array.from({ length: x }, () => ({ name: '' }));
  return (x ?? []).map((name) => ({ name }));
}

function pod(p: PodIn): KubeObject {
  const init = typeof p.init === 'number' ? named(p.init) : (p.init ?? []).map((c) => ({ name: c.name, ...(c.sidecar ? { restartPolicy: 'Always' } : {}) }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(p.deleted ? { deletionTimestamp: ago(10 * S) } : {}) },
    spec: { containers: named(p.containers), initContainers: init },
    status: {
      ...(p.phase !== undefined ? { phase: p.phase } : {}),
      ...(p.reason ? { reason: p.reason } : {}),
      conditions: p.conditions ?? [],
      initContainerStatuses: p.ics ?? [],
      containerStatuses: p.cs ?? [],
    },
  };
}

const running = (o: ContainerStatusLike = {}): ContainerStatusLike => ({ state: { running: {} }, ...o });
const waiting = (reason?: string, o: ContainerStatusLike = {}): ContainerStatusLike => ({ state: { waiting: reason ? { reason } : {} }, ...o });
const terminated = (t: { reason?: string; exitCode?: number; signal?: number }, o: ContainerStatusLike = {}): ContainerStatusLike => ({ state: { terminated: t }, ...o });
const lastAgo = (ms: number): ContainerStatusLike['lastState'] => ({ terminated: { finishedAt: ago(ms) } });
const sidecars = [{ name: 'restartable-init-1', sidecar: true }, { name: 'restartable-init-2', sidecar: true }];
const cond = (type: string, status: string, reason?: string): PodConditionLike => ({ type, status, ...(reason ? { reason } : {}) });

type Vector = [string, PodIn, string, string, string];

// §7.1 vectors 1-30 (printers_test.go: TestPrintPod, TestPrintPodWithRestartableInitContainer,
// TestPrintPodConditions, TestPrintPodwide): [name, pod, READY, STATUS, RESTARTS].
const upstream: Vector[] = [
  ['1 phase shows through', { containers: 2, phase: 'podPhase', cs: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }] }, '1/2', 'podPhase', '6'],
  ['2 waiting reason overrides phase', { containers: 2, phase: 'podPhase', cs: [running({ ready: true, restartCount: 3 }), waiting('ContainerWaitingReason', { restartCount: 3 })] }, '1/2', 'ContainerWaitingReason', '6'],
  ['3 first container wins', { containers: 2, phase: 'podPhase', cs: [waiting('ContainerWaitingReason', { restartCount: 3 }), terminated({ reason: 'ContainerTerminatedReason' }, { restartCount: 3 })] }, '0/2', 'ContainerWaitingReason', '6'],
  ['4 ready without running state is not ready', { containers: 2, phase: 'podPhase', cs: [running({ ready: true, restartCount: 3 }), { ready: true, restartCount: 3 }] }, '1/2', 'podPhase', '6'],
  ['5 status.reason overrides phase', { containers: 2, phase: 'podPhase', reason: 'podReason', cs: [running({ ready: true, restartCount: 3 }), { ready: true, restartCount: 3 }] }, '1/2', 'podReason', '6'],
  ['6 completed + running without Ready', { containers: 2, phase: 'Running', cs: [terminated({ reason: 'Completed', exitCode: 0 }, { ready: true, restartCount: 3 }), running({ ready: true, restartCount: 3 })] }, '1/2', 'NotReady', '6'],
  ['7 completed + running with Ready', { containers: 2, phase: 'Running', conditions: [cond('Ready', 'True')], cs: [terminated({ reason: 'Completed', exitCode: 0 }, { ready: true, restartCount: 3 }), running({ ready: true, restartCount: 3 })] }, '1/2', 'Running', '6'],
  ['8 init container restarting', { init: 1, containers: 1, phase: 'podPhase', ics: [running({ restartCount: 3, lastState: lastAgo(10 * S) })], cs: [waiting()] }, '0/1', 'Init:0/1', '3 (10s ago)'],
  ['9 first of two inits restarting', { init: 2, containers: 1, phase: 'podPhase', ics: [running({ restartCount: 3, lastState: lastAgo(10 * S) }), waiting()], cs: [waiting()] }, '0/1', 'Init:0/2', '3 (10s ago)'],
  ['10 second init restarting', { init: 2, containers: 1, phase: 'podPhase', ics: [terminated({}), running({ restartCount: 3, lastState: lastAgo(10 * S) })], cs: [waiting()] }, '0/1', 'Init:1/2', '3 (10s ago)'],
  ['11 init restarts add up', { init: 2, containers: 1, phase: 'podPhase', ics: [terminated({}, { restartCount: 2, lastState: lastAgo(120 * S) }), running({ restartCount: 3, lastState: lastAgo(10 * S) })], cs: [waiting()] }, '0/1', 'Init:1/2', '5 (10s ago)'],
  ['12 init restarts dropped once running', { init: 1, containers: 1, phase: 'Running', ics: [terminated({}, { restartCount: 2, lastState: lastAgo(120 * S) })], cs: [running({ restartCount: 4, lastState: lastAgo(20 * S) })] }, '0/1', 'Running', '4 (20s ago)'],
  ['13 restarted 5d ago', { containers: 1, phase: 'Running', cs: [running({ ready: true, restartCount: 3, lastState: lastAgo(5 * D) })] }, '1/1', 'Running', '3 (5d ago)'],
  ['14 one of two restarted 10d ago', { containers: 2, phase: 'Running', cs: [running({ ready: true }), running({ ready: true, restartCount: 3, lastState: lastAgo(10 * D) })] }, '2/2', 'Running', '3 (10d ago)'],
  ['15 newest restart wins', { containers: 2, phase: 'Running', cs: [running({ ready: true, restartCount: 6, lastState: lastAgo(5 * D) }), running({ ready: true, restartCount: 3, lastState: lastAgo(20 * D) })] }, '2/2', 'Running', '9 (5d ago)'],
  ['16 scheduling gated', { containers: 2, phase: 'podPhase', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] }, '0/2', 'SchedulingGated', '0'],
  ['17 succeeded', { containers: 1, phase: 'Succeeded', cs: [terminated({ reason: 'Completed', exitCode: 0 })] }, '0/1', 'Completed', '0'],
  ['18 failed', { containers: 1, phase: 'Failed', cs: [terminated({ reason: 'Error', exitCode: 1 })] }, '0/1', 'Error', '0'],
  ['19 succeeded and deleted is not Terminating', { containers: 1, phase: 'Succeeded', deleted: true, cs: [terminated({ reason: 'Completed', exitCode: 0 })] }, '0/1', 'Completed', '0'],
  ['20 running and deleted', { containers: 1, phase: 'Running', deleted: true, cs: [running()] }, '0/1', 'Terminating', '0'],
  ['21 pending and deleted', { containers: 1, phase: 'Pending', deleted: true }, '0/1', 'Terminating', '0'],
  ['22 sidecar running, not started', { init: sidecars, containers: 1, phase: 'Pending', conditions: [cond('Initialized', 'False')], ics: [running({ name: 'restartable-init-1', restartCount: 3, started: false, lastState: lastAgo(10 * S) }), waiting(undefined, { name: 'restartable-init-2', started: false })], cs: [waiting()] }, '0/3', 'Init:0/2', '3 (10s ago)'],
  ['23 first sidecar started', { init: sidecars, containers: 1, phase: 'Pending', conditions: [cond('Initialized', 'False')], ics: [running({ name: 'restartable-init-1', restartCount: 3, started: true, lastState: lastAgo(10 * S) }), running({ name: 'restartable-init-2', started: false })], cs: [waiting()] }, '0/3', 'Init:1/2', '3 (10s ago)'],
  ['24 sidecars started, main running', { init: sidecars, containers: 1, phase: 'Running', conditions: [cond('Initialized', 'True')], ics: [running({ name: 'restartable-init-1', restartCount: 3, started: true, lastState: lastAgo(10 * S) }), running({ name: 'restartable-init-2', started: true })], cs: [running({ ready: true, restartCount: 4, lastState: lastAgo(20 * S) })] }, '1/3', 'Running', '7 (10s ago)'],
  ['25 sidecars killed after main completed', { init: sidecars, containers: 1, phase: 'Succeeded', conditions: [cond('Initialized', 'True')], ics: [terminated({ reason: 'Error', exitCode: 137 }, { name: 'restartable-init-1', restartCount: 3, started: false, lastState: lastAgo(10 * S) }), terminated({ reason: 'Error', exitCode: 137 }, { name: 'restartable-init-2', started: false })], cs: [terminated({ reason: 'Completed', exitCode: 0 }, { restartCount: 4, lastState: lastAgo(20 * S) })] }, '0/3', 'Completed', '7 (10s ago)'],
  ['26 statuses for unknown containers', { init: [{ name: 'init1' }, { name: 'sidecar1', sidecar: true }], containers: ['container1'], phase: 'Running', ics: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }], cs: [{ name: 'containerinvalid' }, { name: 'container1' }] }, '0/2', 'Init:0/2', '0'],
  ['27 conditions: running', { containers: 2, phase: 'Running', cs: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }] }, '1/2', 'Running', '6'],
  ['28 conditions: succeeded', { containers: 2, phase: 'Succeeded', cs: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }] }, '1/2', 'Succeeded', '6'],
  ['29 conditions: failed', { containers: 2, phase: 'Failed', cs: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }] }, '1/2', 'Failed', '6'],
  ['30 wide pod', { containers: 2, phase: 'podPhase', conditions: [cond('condition1', 'False'), cond('condition2', 'True')], cs: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }] }, '1/2', 'podPhase', '6'],
];

// Derived from the algorithm for the fake kubelet's lifecycle (§7.1, below the table).
const lifecycle: Vector[] = [
  ['unscheduled', { containers: 1, phase: 'Pending' }, '0/1', 'Pending', '0'],
  ['creating', { containers: 1, phase: 'Pending', conditions: [cond('PodScheduled', 'True')], cs: [waiting('ContainerCreating')] }, '0/1', 'ContainerCreating', '0'],
  ['readiness failing', { containers: 1, phase: 'Running', cs: [running({ ready: false })] }, '0/1', 'Running', '0'],
  ['ready', { containers: 1, phase: 'Running', conditions: [cond('Ready', 'True')], cs: [running({ ready: true })] }, '1/1', 'Running', '0'],
  ['crash looping', { containers: 1, phase: 'Running', cs: [waiting('CrashLoopBackOff', { restartCount: 5, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30 * S) } } })] }, '0/1', 'CrashLoopBackOff', '5 (30s ago)'],
  ['init done, main starting', { init: 1, containers: 1, phase: 'Pending', ics: [terminated({ reason: 'Completed', exitCode: 0 })], cs: [waiting('PodInitializing')] }, '0/1', 'PodInitializing', '0'],
  ['deleted while running and ready', { containers: 1, phase: 'Running', deleted: true, cs: [running({ ready: true })] }, '1/1', 'Terminating', '0'],
];

// Further branches of the same algorithm.
const branches: Vector[] = [
  ['#124766: an errored container beats Completed', { containers: 2, phase: 'Failed', cs: [terminated({ reason: 'Completed', exitCode: 0 }), terminated({ reason: 'Error', exitCode: 1 })] }, '0/2', 'Error', '0'],
  ['#124766: error beats NotReady', { containers: 3, phase: 'Running', cs: [terminated({ reason: 'Completed', exitCode: 0 }), terminated({ reason: 'Error', exitCode: 1 }), running({ ready: true })] }, '1/3', 'Error', '0'],
  ['#124766: Running with Ready still wins', { containers: 3, phase: 'Running', conditions: [cond('Ready', 'True')], cs: [terminated({ reason: 'Completed', exitCode: 0 }), terminated({ reason: 'Error', exitCode: 1 }), running({ ready: true })] }, '1/3', 'Running', '0'],
  ['#124766: reasonless exit code', { containers: 2, phase: 'Failed', cs: [terminated({ reason: 'Completed', exitCode: 0 }), terminated({ exitCode: 3 })] }, '0/2', 'ExitCode:3', '0'],
  ['killed by signal', { containers: 1, phase: 'Failed', cs: [terminated({ signal: 9, exitCode: 137 })] }, '0/1', 'Signal:9', '0'],
  ['init failed with a reason', { init: 1, containers: 1, phase: 'Pending', ics: [terminated({ reason: 'Error', exitCode: 1 })], cs: [waiting('PodInitializing')] }, '0/1', 'Init:Error', '0'],
  ['init failed without a reason', { init: 1, containers: 1, phase: 'Pending', ics: [terminated({ exitCode: 2 })] }, '0/1', 'Init:ExitCode:2', '0'],
  ['init killed by signal', { init: 1, containers: 1, phase: 'Pending', ics: [terminated({ signal: 9, exitCode: 137 })] }, '0/1', 'Init:Signal:9', '0'],
  ['init crash looping', { init: 2, containers: 1, phase: 'Pending', ics: [waiting('CrashLoopBackOff', { restartCount: 2, lastState: lastAgo(5 * S) }), waiting()] }, '0/1', 'Init:CrashLoopBackOff', '2 (5s ago)'],
  ['evicted', { containers: 1, phase: 'Failed', reason: 'Evicted' }, '0/1', 'Evicted', '0'],
  ['node lost while deleting', { containers: 1, phase: 'Running', reason: 'NodeLost', deleted: true, cs: [running({ ready: true })] }, '1/1', 'Unknown', '0'],
  ['restarts without a known time', { containers: 1, phase: 'Running', cs: [running({ ready: true, restartCount: 2 })] }, '1/1', 'Running', '2'],
];

describe('podStatus', () => {
  it.each([...upstream, ...lifecycle, ...branches])('%s', (_name, p, ready, status, restarts) => {
    const got = podStatus(pod(p), NOW);
    expect({ ready: got.ready, status: got.status, restarts: got.restarts }).toEqual({ ready, status, restarts });
  });

  it('exposes the numbers behind the strings', () => {
    const got = podStatus(pod(upstream[14][1]), NOW);
    expect(got).toEqual({ ready: '2/2', readyCount: 2, total: 2, status: 'Running', restarts: '9 (5d ago)', restartCount: 9, lastRestartAt: NOW - 5 * D });
    const fresh = podStatus(pod(lifecycle[3][1]), NOW);
    expect(fresh).toEqual({ ready: '1/1', readyCount: 1, total: 1, status: 'Running', restarts: '0', restartCount: 0 });
  });

  it('prints an empty status for a pod with no phase yet', () => {
    expect(podStatus({ metadata: { name: 'bare' } }, NOW)).toEqual({ ready: '0/0', readyCount: 0, total: 0, status: '', restarts: '0', restartCount: 0 });
  });
});
