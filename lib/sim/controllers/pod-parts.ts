// Pod shapes and the pure builders the simulated kubelet uses to write pod status the way a
// real kubelet does (condition order and transition times, container statuses, image
// references, the messages of kubelet events).

import { createHash } from 'node:crypto';
import type { KubeObject } from '../../kube/types.ts';
import { rfc3339 } from './controller-kit.ts';

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  restartPolicy?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  /** Only its presence and initialDelaySeconds matter to the simulated kubelet. */
  readinessProbe?: { initialDelaySeconds?: number; [key: string]: unknown };
}

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: { exitCode: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; containerID?: string };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface PodSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  terminationGracePeriodSeconds?: number;
  [key: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  [key: string]: unknown;
}

export type Pod = KubeObject & { spec?: PodSpec; status?: PodStatus };

export function specOf(pod: Pod): PodSpec {
  return pod.spec ?? {};
}

export function statusOf(pod: Pod): PodStatus {
  return pod.status ?? {};
}

export function containersOf(pod: Pod): ContainerSpec[] {
  return specOf(pod).containers ?? [];
}

export function isTerminal(pod: Pod): boolean {
  const phase = statusOf(pod).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function conditionOf(pod: Pod, type: string): PodCondition | undefined {
  return statusOf(pod).conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return conditionOf(pod, 'Ready')?.status === 'True';
}

// The order a kubelet writes pod conditions in.
const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget'];

/**
 * Returns the conditions with one set; lastTransitionTime moves only when the status changes.
 * Unknown condition types keep their place after the known ones.
 */
export function withCondition(
  conds: readonly PodCondition[] | undefined,
  type: string,
  status: PodCondition['status'],
  now: number,
  reason?: string,
  message?: string,
): PodCondition[] {
  const prev = conds?.find((c) => c.type === type);
  const next: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(now) };
  if (reason) next.reason = reason;
  if (message) next.message = message;
  const rest = (conds ?? []).filter((c) => c.type !== type);
  const all = [...rest, next];
  const rank = (t: string) => (CONDITION_ORDER.includes(t) ? CONDITION_ORDER.indexOf(t) : CONDITION_ORDER.length);
  return all.sort((a, b) => rank(a.type) - rank(b.type));
}

/** ContainersReady and Ready as the kubelet derives them from container readiness. */
export function withReadiness(status: PodStatus, now: number): PodCondition[] {
  let conds = status.conditions ?? [];
  if (status.phase === 'Succeeded' || status.phase === 'Failed') {
    conds = withCondition(conds, 'Ready', 'False', now, 'PodCompleted');
    return withCondition(conds, 'ContainersReady', 'False', now, 'PodCompleted');
  }
  const unready = (status.containerStatuses ?? []).filter((c) => !c.ready).map((c) => c.name);
  if (unready.length === 0 && status.containerStatuses?.length) {
    conds = withCondition(conds, 'Ready', 'True', now);
    return withCondition(conds, 'ContainersReady', 'True', now);
  }
  const msg = `containers with unready status: [${unready.join(' ')}]`;
  conds = withCondition(conds, 'Ready', 'False', now, 'ContainersNotReady', msg);
  return withCondition(conds, 'ContainersReady', 'False', now, 'ContainersNotReady', msg);
}

/** Pending while a container waits for its first start, Running otherwise (restartPolicy Always). */
export function phaseFromContainers(statuses: readonly ContainerStatus[]): string {
  const firstStartPending = statuses.some((c) => c.state.waiting && !c.lastState.terminated && !c.started && c.restartCount === 0);
  return firstStartPending ? 'Pending' : 'Running';
}

/** The fully qualified reference containerd reports: `nginx:1.9.1` → `docker.io/library/nginx:1.9.1`. */
export function qualifiedImage(image: string): string {
  const parts = image.split('/');
  const hasDomain = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  let ref = hasDomain ? image : parts.length === 1 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (!last.includes(':') && !last.includes('@')) ref += ':latest';
  return ref;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function imageIDOf(image: string): string {
  const ref = qualifiedImage(image);
  const repo = ref.includes('@') ? ref.slice(0, ref.indexOf('@')) : ref.slice(0, ref.lastIndexOf(':'));
  return `${repo}@sha256:${sha256(`image:${ref}`)}`;
}

export function containerIDOf(podUid: string | undefined, name: string, restartCount: number): string {
  return `containerd://${sha256(`${podUid}/${name}/${restartCount}`)}`;
}

/** Images the simulation treats as not pullable (the demo's "broken update"). */
export function isUnpullable(image: string | undefined): boolean {
  return !image || /does-not-exist|invalid/.test(image);
}

/** imagePullPolicy with the API default: Always for `:latest`/untagged, else IfNotPresent. */
export function pullPolicyOf(c: ContainerSpec): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const last = (c.image ?? '').slice((c.image ?? '').lastIndexOf('/') + 1);
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

export function imageSizeOf(image: string): number {
  return 20_000_000 + (parseInt(sha256(`size:${image}`).slice(0, 8), 16) % 180_000_000);
}

/** A Go time.Duration as String() prints whole milliseconds: 0s, 812ms, 1.2s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  if (ms <= 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = `${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
  if (h) return `${h}h${m}m${s}`;
  return m ? `${m}m${s}` : s;
}

export function pullError(image: string): string {
  const ref = qualifiedImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

export function containerFieldPath(name: string): string {
  return `spec.containers{${name}}`;
}
