// The simulated pod lifecycle as DATA (in the spirit of kwok's Stage resources): an ordered table
// of stages, each a match predicate, a delay and a pure "next state" (a modified clone of the pod
// plus the events to record). The kubelet controller (kubelet.ts) picks the first stage that
// matches a pod, waits the (speed-scaled) delay while it keeps matching, then applies it.
//
// Normal path (statefulset-semantics.md §9), base delays at speed 1, ≈1.3 s in all:
//   Pending --schedule 100ms--> Pending (PodScheduled, nodeName) --[PVCs Bound] start 200ms-->
//   ContainerCreating --run 1000ms (pull)--> 1/1 Running (podIP)
// As a real kubelet does, a container without a readinessProbe is ready as soon as it runs (no
// "0/1 Running" step). A container with a readinessProbe stays unready until its first probe
// passes: initialDelaySeconds if set (> 0), else 500 ms; the pod is Ready when every container
// is (--ready--> 1/1 Running).
// Deletion (§5.4, §9.7): Ready drops at once and Killing is recorded, then after the grace period
// (terminationGracePeriodSeconds, capped at 1.5 s at speed 1) the pod is deleted with grace 0.
//
// Per-pod overrides, read from the pod's annotations (a StatefulSet's template annotations are
// copied to its pods, so they can be set there too). Changing them on a live pod takes effect:
//   sim.sts-topology.dev/ready-delay: "<ms>"   delay between Running and Ready (scaled by speed),
//                                              for every container, probe or not
//   sim.sts-topology.dev/never-ready: "true"   stays 0/1 Running; set on a Ready pod it turns
//                                              unready (readiness failing); remove it to recover
//   sim.sts-topology.dev/crash-loop: "true"    the container exits with code 1 one second after
//                                              each start: CrashLoopBackOff, restartCount++,
//                                              lastState.terminated Error, back-off 10s doubling to 5m
//   sim.sts-topology.dev/fail: "<Reason>"      once Running: phase Failed with status.reason
//                                              <Reason> ("Evicted" gets the eviction message)
// Images whose name contains "does-not-exist" or "invalid" cannot be pulled: ErrImagePull, then
// ImagePullBackOff, retried with back-off using whatever image the pod spec names by then.
// Limits: readiness probes are not run (only their initial delay counts), no liveness or startup
// probes, no init-container failures (init containers complete, sidecars run), no
// in-place restart on an image change of a running container, restartPolicy is taken as Always.

import type { KubeObject } from '../../kube/types.ts';
import { rfc3339 } from './controller-kit.ts';
import {
  conditionOf, containersOf, isPodReady, isTerminal, phaseFromContainers, specOf, statusOf,
  withCondition, withReadiness, type ContainerSpec, type ContainerStatus, type Pod,
} from './pod-parts.ts';
import {
  backOffPulls, crashContainers, creatingStatus, kubeletEvent, restartBackoffMs, startContainers, stopContainers,
  type PodEvent,
} from './pod-transitions.ts';
import { claimPhase, type ClaimInfo, type Verdict } from './scheduler.ts';
import { nodeInternalIP } from './sim-nodes.ts';

export type { PodEvent } from './pod-transitions.ts';

export const ANN_READY_DELAY = 'sim.sts-topology.dev/ready-delay';
export const ANN_NEVER_READY = 'sim.sts-topology.dev/never-ready';
export const ANN_CRASH_LOOP = 'sim.sts-topology.dev/crash-loop';
export const ANN_FAIL = 'sim.sts-topology.dev/fail';

/** Base delays in ms at speed 1. */
export const STAGE_DELAYS = {
  schedule: 100, start: 200, run: 1000, ready: 500, unready: 500, crash: 1000, fail: 1000, pullBackOff: 500, graceCap: 1500,
} as const;

/** What the kubelet remembers about a pod between writes (not visible in the pod). */
export interface PodMemo {
  killed?: boolean;
  /** The final delete was issued (finalizers may still hold the object). */
  removed?: boolean;
  pullFailures?: number;
}

/** The world a stage sees: facts about the pod's surroundings and the node's side effects. */
export interface StageWorld {
  now: number;
  /** When the current stage was first selected for this pod (ms). */
  since: number;
  memo: Readonly<PodMemo>;
  claims: readonly ClaimInfo[];
  /** The pod's node, when it is scheduled to one that exists. */
  node?: KubeObject;
  verdict(): Verdict;
  imagePresent(image: string): boolean;
  /** A fresh pod IP on the pod's node. */
  allocateIp(): string;
}

export interface StageOutcome {
  /** The pod to write (a modified clone); omitted or equal to the input means no write. */
  pod?: Pod;
  /** Delete the pod object for good (grace 0). */
  remove?: boolean;
  events?: PodEvent[];
  memo?: Partial<PodMemo>;
  /** Images now present on the node. */
  pulled?: string[];
}

export interface PodStage {
  name: string;
  match(pod: Pod, w: StageWorld): boolean;
  /** Base delay in ms at speed 1. */
  delay(pod: Pod, w: StageWorld): number;
  /** Back-off stages keep their speed-1 delay under speed 'instant', so loops cannot spin. */
  backoff?: boolean;
  next(pod: Pod, w: StageWorld): StageOutcome;
}

const annotation = (pod: Pod, key: string) => pod.metadata.annotations?.[key];
const deleting = (pod: Pod) => !!pod.metadata.deletionTimestamp;
const statuses = (pod: Pod): ContainerStatus[] => statusOf(pod).containerStatuses ?? [];
const waitingFor = (pod: Pod, reason: string) => statuses(pod).some((s) => s.state.waiting?.reason === reason);
const clone = (pod: Pod): Pod => {
  const p = structuredClone(pod) as Pod;
  p.status ??= {};
  return p;
};

/** The ready-delay annotation's value in ms, when it holds a usable number. */
function annotatedReadyDelay(pod: Pod): number | undefined {
  const raw = annotation(pod, ANN_READY_DELAY);
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Time from start to the first passing readiness probe; undefined without a probe. */
function probeDelayOf(c: ContainerSpec): number | undefined {
  if (!c.readinessProbe) return undefined;
  const s = c.readinessProbe.initialDelaySeconds;
  return typeof s === 'number' && s > 0 ? s * 1000 : STAGE_DELAYS.ready;
}

/** Running → Ready: the annotation if set, else the slowest container's first probe. */
function readyDelayOf(pod: Pod): number {
  const ann = annotatedReadyDelay(pod);
  if (ann !== undefined) return ann;
  return Math.max(0, ...containersOf(pod).map((c) => probeDelayOf(c) ?? 0));
}

/** Marks started containers without a readinessProbe ready, unless an override holds readiness back. */
function readyProbeless(p: Pod): void {
  if (annotatedReadyDelay(p) !== undefined || annotation(p, ANN_NEVER_READY) === 'true' || annotation(p, ANN_CRASH_LOOP) === 'true') return;
  const specs = new Map(containersOf(p).map((c) => [c.name, c]));
  for (const s of statuses(p)) {
    const c = specs.get(s.name);
    if (c && !c.readinessProbe && s.started && s.state.running) s.ready = true;
  }
}

/** Applies container results to phase and conditions. */
function settle(p: Pod, now: number): Pod {
  const st = p.status!;
  if (st.containerStatuses?.length && st.phase !== 'Failed' && st.phase !== 'Succeeded') st.phase = phaseFromContainers(st.containerStatuses);
  st.conditions = withReadiness(st, now);
  return p;
}

function evictionMessage(pod: Pod): string {
  const c = containersOf(pod)[0]?.name ?? 'container';
  return `The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. Container ${c} was using 1843200Ki, request is 0, has larger consumption of memory.`;
}

const kill: PodStage = {
  name: 'kill',
  match: (pod, w) => deleting(pod) && !w.memo.killed,
  delay: () => 0,
  next(pod, w) {
    const p = clone(pod);
    const events = isTerminal(p) ? [] : stopContainers(p, w.now, undefined);
    if (!isTerminal(p) && statuses(p).length) p.status!.conditions = withReadiness(p.status!, w.now);
    return { pod: p, events, memo: { killed: true } };
  },
};

const remove: PodStage = {
  name: 'remove',
  match: (pod, w) => deleting(pod) && !!w.memo.killed && !w.memo.removed,
  delay(pod) {
    if (isTerminal(pod) || !statuses(pod).some((s) => s.state.running)) return 0;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? specOf(pod).terminationGracePeriodSeconds ?? 30;
    return Math.min(grace * 1000, STAGE_DELAYS.graceCap);
  },
  next: () => ({ remove: true, memo: { removed: true } }),
};

const unschedulable: PodStage = {
  name: 'unschedulable',
  match(pod, w) {
    if (specOf(pod).nodeName || deleting(pod)) return false;
    const v = w.verdict();
    if (v.ok) return false;
    const c = conditionOf(pod, 'PodScheduled');
    return !(c?.status === 'False' && c.reason === v.reason && c.message === v.message);
  },
  delay: () => STAGE_DELAYS.schedule,
  next(pod, w) {
    const v = w.verdict();
    if (v.ok) return {};
    const p = clone(pod);
    p.status!.phase ??= 'Pending';
    p.status!.conditions = withCondition(p.status!.conditions, 'PodScheduled', 'False', w.now, v.reason, v.message);
    const events: PodEvent[] = v.reason === 'Unschedulable' ? [{ type: 'Warning', reason: 'FailedScheduling', message: v.message, source: 'default-scheduler' }] : [];
    return { pod: p, events };
  },
};

const schedule: PodStage = {
  name: 'schedule',
  match: (pod, w) => !specOf(pod).nodeName && !deleting(pod) && w.verdict().ok,
  delay: () => STAGE_DELAYS.schedule,
  next(pod, w) {
    const v = w.verdict();
    if (!v.ok) return {};
    const p = clone(pod);
    p.spec = { ...specOf(p), nodeName: v.node };
    p.status!.phase ??= 'Pending';
    p.status!.conditions = withCondition(p.status!.conditions, 'PodScheduled', 'True', w.now);
    const message = `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${v.node}`;
    return { pod: p, events: [{ type: 'Normal', reason: 'Scheduled', message, source: 'default-scheduler' }] };
  },
};

const start: PodStage = {
  name: 'start',
  match: (pod, w) =>
    !!specOf(pod).nodeName && !!w.node && !deleting(pod) && !isTerminal(pod) && !statuses(pod).length &&
    w.claims.every((c) => claimPhase(c.pvc) === 'Bound'),
  delay: () => STAGE_DELAYS.start,
  next(pod, w) {
    const p = clone(pod);
    const st = p.status!;
    const hostIP = nodeInternalIP(w.node!) ?? '';
    Object.assign(st, { phase: 'Pending', hostIP, hostIPs: [{ ip: hostIP }], startTime: rfc3339(w.now) });
    st.conditions = withCondition(st.conditions, 'PodReadyToStartContainers', 'True', w.now);
    st.conditions = withCondition(st.conditions, 'Initialized', 'True', w.now);
    const inits = specOf(p).initContainers ?? [];
    if (inits.length) {
      st.initContainerStatuses = inits.map((c) => {
        const s = creatingStatus(c);
        const at = rfc3339(w.now);
        s.state = c.restartPolicy === 'Always' ? { running: { startedAt: at } } : { terminated: { exitCode: 0, reason: 'Completed', startedAt: at, finishedAt: at } };
        s.started = c.restartPolicy === 'Always';
        s.ready = s.started;
        return s;
      });
    }
    st.containerStatuses = containersOf(p).map(creatingStatus);
    return { pod: settle(p, w.now) };
  },
};

function startOutcome(pod: Pod, w: StageWorld, which: (s: ContainerStatus) => boolean, failures: number): StageOutcome {
  const p = clone(pod);
  const st = p.status!;
  if (!st.podIP) {
    const ip = w.allocateIp();
    st.podIP = ip;
    st.podIPs = [{ ip }];
  }
  const r = startContainers(p, { now: w.now, pullMs: w.now - w.since, imagePresent: w.imagePresent }, which);
  readyProbeless(p);
  return { pod: settle(p, w.now), events: r.events, pulled: r.pulled, memo: { pullFailures: r.failed ? failures + 1 : 0 } };
}

const run: PodStage = {
  name: 'run',
  match: (pod) => !deleting(pod) && waitingFor(pod, 'ContainerCreating'),
  delay: () => STAGE_DELAYS.run,
  next: (pod, w) => startOutcome(pod, w, (s) => s.state.waiting?.reason === 'ContainerCreating', w.memo.pullFailures ?? 0),
};

const pullBackOff: PodStage = {
  name: 'pull-backoff',
  match: (pod) => !deleting(pod) && waitingFor(pod, 'ErrImagePull'),
  delay: () => STAGE_DELAYS.pullBackOff,
  next(pod, w) {
    const p = clone(pod);
    const events = backOffPulls(p);
    return { pod: settle(p, w.now), events };
  },
};

const pullRetry: PodStage = {
  name: 'pull-retry',
  match: (pod) => !deleting(pod) && waitingFor(pod, 'ImagePullBackOff'),
  delay: (_pod, w) => restartBackoffMs(w.memo.pullFailures ?? 1),
  backoff: true,
  next: (pod, w) => startOutcome(pod, w, (s) => s.state.waiting?.reason === 'ImagePullBackOff', w.memo.pullFailures ?? 0),
};

const restart: PodStage = {
  name: 'restart',
  match: (pod) => !deleting(pod) && !isTerminal(pod) && waitingFor(pod, 'CrashLoopBackOff'),
  delay: (pod) => restartBackoffMs(Math.max(...statuses(pod).map((s) => s.restartCount))),
  backoff: true,
  next: (pod, w) => startOutcome(pod, w, (s) => s.state.waiting?.reason === 'CrashLoopBackOff', 0),
};

const crash: PodStage = {
  name: 'crash',
  match: (pod) =>
    annotation(pod, ANN_CRASH_LOOP) === 'true' && !deleting(pod) && statusOf(pod).phase === 'Running' &&
    statuses(pod).some((s) => s.state.running),
  delay: () => STAGE_DELAYS.crash,
  next(pod, w) {
    const p = clone(pod);
    const events = crashContainers(p, w.now);
    return { pod: settle(p, w.now), events };
  },
};

const allRunning = (pod: Pod) => statuses(pod).length > 0 && statuses(pod).every((s) => s.state.running && s.started);

const ready: PodStage = {
  name: 'ready',
  match: (pod) =>
    statusOf(pod).phase === 'Running' && !deleting(pod) && allRunning(pod) && !isPodReady(pod) &&
    annotation(pod, ANN_NEVER_READY) !== 'true' && annotation(pod, ANN_CRASH_LOOP) !== 'true',
  delay: readyDelayOf,
  next(pod, w) {
    const p = clone(pod);
    for (const s of statuses(p)) s.ready = true;
    return { pod: settle(p, w.now) };
  },
};

const fail: PodStage = {
  name: 'fail',
  match: (pod) => !!annotation(pod, ANN_FAIL) && statusOf(pod).phase === 'Running' && !deleting(pod),
  delay: () => STAGE_DELAYS.fail,
  next(pod, w) {
    const p = clone(pod);
    const reason = annotation(pod, ANN_FAIL)!;
    const message = reason === 'Evicted' ? evictionMessage(pod) : `Pod failed (${ANN_FAIL}=${reason})`;
    const events: PodEvent[] = [{ type: 'Warning', reason, message, source: 'kubelet' }];
    // Container states are left as they were (only readiness drops), as kubelets before 1.22
    // did: kubectl then prints the pod's reason ("Evicted") instead of the containers' "Error".
    events.push(...stopContainers(p, w.now, undefined));
    Object.assign(p.status!, { phase: 'Failed', reason, message });
    if (reason === 'Evicted') {
      p.status!.conditions = withCondition(p.status!.conditions, 'DisruptionTarget', 'True', w.now, 'TerminationByKubelet', message);
    }
    return { pod: settle(p, w.now), events };
  },
};

const unready: PodStage = {
  name: 'unready',
  match: (pod) => annotation(pod, ANN_NEVER_READY) === 'true' && isPodReady(pod) && !deleting(pod),
  delay: () => STAGE_DELAYS.unready,
  next(pod, w) {
    const p = clone(pod);
    const events = statuses(p).map((s) => kubeletEvent('Warning', 'Unhealthy', `Readiness probe failed: ${ANN_NEVER_READY} is "true"`, s.name));
    for (const s of statuses(p)) s.ready = false;
    return { pod: settle(p, w.now), events };
  },
};

/** The lifecycle table, tried in order: the first stage that matches is the pod's next step. */
export const POD_STAGES: readonly PodStage[] = [
  kill, remove, unschedulable, schedule, start, run, pullBackOff, pullRetry, restart, crash, ready, fail, unready,
];

export function nextStage(pod: Pod, w: StageWorld, stages: readonly PodStage[] = POD_STAGES): PodStage | undefined {
  return stages.find((s) => s.match(pod, w));
}
