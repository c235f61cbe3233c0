// The READY, STATUS and RESTARTS columns of `kubectl get pods`, restated from printPod in
// kubernetes pkg/printers/internalversion/printers.go (v1.33+, including PR #124766's
// errorReason, sidecar init containers and SchedulingGated). See
// shared/docs/statefulset-semantics.md §7.1. Pure: the dashboard and the embedded cluster's
// Table output both call it, so they never disagree about a pod.

import type { KubeObject } from './types.ts';
import { humanDuration, parseKubeTime } from './duration.ts';

export interface PodPrint {
  /** READY, e.g. "1/2". Sidecars (init containers with restartPolicy Always) count in total. */
  ready: string;
  readyCount: number;
  total: number;
  /** STATUS as kubectl prints it: Running, Init:0/2, CrashLoopBackOff, Terminating, ... */
  status: string;
  /** RESTARTS, e.g. "3 (10s ago)" or "0". */
  restarts: string;
  restartCount: number;
  /** The newest lastState.terminated.finishedAt among the counted containers (ms), if any. */
  lastRestartAt?: number;
}

export interface ContainerStateLike {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

export interface ContainerStatusLike {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateLike;
  lastState?: ContainerStateLike;
}

export interface PodConditionLike {
  type?: string;
  status?: string;
  reason?: string;
}

interface ContainerLike {
  name?: string;
  restartPolicy?: string;
}

interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
}

interface PodStatusLike {
  phase?: string;
  reason?: string;
  conditions?: PodConditionLike[];
  initContainerStatuses?: ContainerStatusLike[];
  containerStatuses?: ContainerStatusLike[];
}

/** Restart count and the newest finishedAt seen (undefined = Go's zero time). */
interface Restarts {
  count: number;
  last?: number;
}

function addRestarts(r: Restarts, c: ContainerStatusLike): void {
  r.count += c.restartCount ?? 0;
  const finished = c.lastState?.terminated ? parseKubeTime(c.lastState.terminated.finishedAt) : undefined;
  if (finished !== undefined && (r.last === undefined || r.last < finished)) r.last = finished;
}

const isSidecar = (c: ContainerLike | undefined): boolean => c?.restartPolicy === 'Always';

function hasCondition(conds: PodConditionLike[] | undefined, type: string): boolean {
  return (conds ?? []).some((c) => c.type === type && c.status === 'True');
}

interface InitScan {
  /** Set when an init container stops the scan (Init:...). */
  reason?: string;
  ready: number;
  all: Restarts;
  sidecars: Restarts;
}

// Init containers in order: completed ones and started sidecars are passed over; the first other
// one decides the Init:... status and ends the scan (later ones are not even counted).
function scanInitContainers(spec: PodSpecLike, statuses: ContainerStatusLike[]): InitScan {
  const specs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  const out: InitScan = { ready: 0, all: { count: 0 }, sidecars: { count: 0 } };
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i];
    const sidecar = isSidecar(specs.get(c.name));
    addRestarts(out.all, c);
    if (sidecar) addRestarts(out.sidecars, c);
    const term = c.state?.terminated;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) out.ready++;
      continue;
    }
    if (term) {
      out.reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      out.reason = `Init:${c.state.waiting.reason}`;
    } else {
      out.reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    break;
  }
  return out;
}

interface MainScan {
  reason: string;
  ready: number;
  restarts: Restarts;
}

// Regular containers in reverse order, so that the first container's state wins.
function scanContainers(status: PodStatusLike, reason: string, restarts: Restarts): MainScan {
  const statuses = status.containerStatuses ?? [];
  let ready = 0;
  let hasRunning = false;
  let errorReason = '';
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    addRestarts(restarts, c);
    const term = c.state?.terminated;
    if (c.state?.waiting?.reason) {
      reason = c.state.waiting.reason;
    } else if (term) {
      reason = term.reason ? term.reason : term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      if ((term.exitCode ?? 0) !== 0) errorReason = reason;
    } else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  // A completed container next to running ones does not make the pod "Completed" (#62642), and
  // one that failed beside it shows its error instead (#124766).
  if (reason === 'Completed') {
    if (hasRunning && hasCondition(status.conditions, 'Ready')) reason = 'Running';
    else if (errorReason) reason = errorReason;
    else if (hasRunning) reason = 'NotReady';
  }
  return { reason, ready, restarts };
}

/** READY/STATUS/RESTARTS of a pod at `now` (ms), exactly as `kubectl get pods` prints them. */
export function podStatus(pod: KubeObject, now: number): PodPrint {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  const status = (pod.status ?? {}) as PodStatusLike;
  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const total = (spec.containers ?? []).length + (spec.initContainers ?? []).filter(isSidecar).length;

  const init = scanInitContainers(spec, status.initContainerStatuses ?? []);
  let ready = init.ready;
  let restarts = init.all;
  if (init.reason !== undefined) reason = init.reason;
  // Once initialised (or never initialising), only sidecar restarts stay in the count.
  if (init.reason === undefined || hasCondition(status.conditions, 'Initialized')) {
    const main = scanContainers(status, reason, { ...init.sidecars });
    reason = main.reason;
    ready += main.ready;
    restarts = main.restarts;
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const lastAt = restarts.last;
  const restartsText = restarts.count !== 0 && lastAt !== undefined
    ? `${restarts.count} (${humanDuration(now - lastAt)} ago)`
    : String(restarts.count);
  return {
    ready: `${ready}/${total}`,
    readyCount: ready,
    total,
    status: reason,
    restarts: restartsText,
    restartCount: restarts.count,
    ...(lastAt !== undefined ? { lastRestartAt: lastAt } : {}),
  };
}
