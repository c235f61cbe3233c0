// The container-level transitions of the simulated kubelet, as pure functions over a cloned pod:
// start containers (pull, create, start, or fail to pull), crash, back off. Each returns the
// kubelet events a real node would emit, in order. Used by the stage table in pod-stages.ts.

import type { EventType } from './events.ts';
import {
  containerFieldPath, containerIDOf, containersOf, goDuration, imageIDOf, imageSizeOf, isUnpullable,
  pullError, pullPolicyOf, qualifiedImage, statusOf,
  type ContainerSpec, type ContainerStatus, type Pod,
} from './pod-parts.ts';
import { rfc3339 } from './controller-kit.ts';

export interface PodEvent {
  type: EventType;
  reason: string;
  message: string;
  source: 'kubelet' | 'default-scheduler';
  fieldPath?: string;
}

/** What a container start needs from the node. */
export interface StartContext {
  now: number;
  /** How long the pull took, for the Pulled message (ms). */
  pullMs: number;
  imagePresent(image: string): boolean;
}

export interface StartResult {
  events: PodEvent[];
  pulled: string[];
  /** Containers whose image could not be pulled. */
  failed: number;
}

function ev(type: EventType, reason: string, message: string, container?: string): PodEvent {
  return { type, reason, message, source: 'kubelet', ...(container ? { fieldPath: containerFieldPath(container) } : {}) };
}

/** A container status waiting for its first start (ContainerCreating). */
export function creatingStatus(c: ContainerSpec): ContainerStatus {
  return {
    name: c.name,
    image: c.image ?? '',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: { reason: 'ContainerCreating' } },
    lastState: {},
  };
}

function pullEvents(c: ContainerSpec, ctx: StartContext, pulled: string[]): PodEvent[] {
  const image = c.image ?? '';
  if (pullPolicyOf(c) !== 'Always' && ctx.imagePresent(image)) {
    return [ev('Normal', 'Pulled', `Container image "${image}" already present on machine`, c.name)];
  }
  pulled.push(image);
  const d = goDuration(ctx.pullMs);
  return [
    ev('Normal', 'Pulling', `Pulling image "${image}"`, c.name),
    ev('Normal', 'Pulled', `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSizeOf(image)} bytes.`, c.name),
  ];
}

/**
 * Starts (or fails to pull) every container for which `which` is true, using the image the pod
 * spec names now. Mutates `pod` (a clone) and returns the events.
 */
export function startContainers(pod: Pod, ctx: StartContext, which: (s: ContainerStatus) => boolean): StartResult {
  const status = statusOf(pod);
  const out: StartResult = { events: [], pulled: [], failed: 0 };
  const specs = new Map(containersOf(pod).map((c) => [c.name, c]));
  for (const s of status.containerStatuses ?? []) {
    const c = specs.get(s.name);
    if (!c || !which(s)) continue;
    const image = c.image ?? '';
    s.image = image;
    if (isUnpullable(image)) {
      const err = pullError(image);
      s.state = { waiting: { reason: 'ErrImagePull', message: err } };
      s.ready = false;
      s.started = false;
      out.failed++;
      out.events.push(
        ev('Normal', 'Pulling', `Pulling image "${image}"`, c.name),
        ev('Warning', 'Failed', `Failed to pull image "${image}": ${err}`, c.name),
        ev('Warning', 'Failed', 'Error: ErrImagePull', c.name),
      );
      continue;
    }
    out.events.push(...pullEvents(c, ctx, out.pulled));
    s.image = qualifiedImage(image);
    s.imageID = imageIDOf(image);
    s.containerID = containerIDOf(pod.metadata.uid, c.name, s.restartCount);
    s.state = { running: { startedAt: rfc3339(ctx.now) } };
    s.ready = false;
    s.started = true;
    out.events.push(ev('Normal', 'Created', `Created container: ${c.name}`, c.name), ev('Normal', 'Started', `Started container ${c.name}`, c.name));
  }
  return out;
}

/** ErrImagePull → ImagePullBackOff, with the events kubelet emits when it starts backing off. */
export function backOffPulls(pod: Pod): PodEvent[] {
  const events: PodEvent[] = [];
  for (const s of statusOf(pod).containerStatuses ?? []) {
    if (s.state.waiting?.reason !== 'ErrImagePull') continue;
    s.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${s.image}": ErrImagePull: ${s.state.waiting.message ?? ''}` } };
    events.push(ev('Normal', 'BackOff', `Back-off pulling image "${s.image}"`, s.name), ev('Warning', 'Failed', 'Error: ImagePullBackOff', s.name));
  }
  return events;
}

/** Kubelet's container restart back-off: 10s doubling up to 5m. */
export function restartBackoffMs(restarts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, restarts - 1), 300_000);
}

/** Every running container exits with code 1 and waits in CrashLoopBackOff. */
export function crashContainers(pod: Pod, now: number): PodEvent[] {
  const events: PodEvent[] = [];
  const who = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  for (const s of statusOf(pod).containerStatuses ?? []) {
    if (!s.state.running) continue;
    s.lastState = {
      terminated: { exitCode: 1, reason: 'Error', startedAt: s.state.running.startedAt, finishedAt: rfc3339(now), containerID: s.containerID },
    };
    s.restartCount += 1;
    const wait = goDuration(restartBackoffMs(s.restartCount));
    s.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${wait} restarting failed container=${s.name} pod=${who}` } };
    s.ready = false;
    s.started = false;
    events.push(ev('Warning', 'BackOff', `Back-off restarting failed container ${s.name} in pod ${who}`, s.name));
  }
  return events;
}

/** Containers stop: running ones end with `exitCode` and report a Killing event first. */
export function stopContainers(pod: Pod, now: number, exitCode: number | undefined): PodEvent[] {
  const events: PodEvent[] = [];
  for (const s of statusOf(pod).containerStatuses ?? []) {
    if (s.state.running) {
      events.push(ev('Normal', 'Killing', `Stopping container ${s.name}`, s.name));
      if (exitCode !== undefined) {
        s.state = { terminated: { exitCode, reason: 'Error', startedAt: s.state.running.startedAt, finishedAt: rfc3339(now), containerID: s.containerID } };
        s.started = false;
      }
    }
    s.ready = false;
  }
  return events;
}

export { ev as kubeletEvent };
