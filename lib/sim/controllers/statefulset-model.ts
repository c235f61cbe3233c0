// StatefulSet, Pod and PVC shapes as the StatefulSet controller reads them, plus the exact
// predicates of statefulset-semantics.md §1.1 and §2.1 (stateful_set_utils.go). Pure.

import { parseParentAndOrdinal } from '../../kube/ordinals.ts';
import type { KubeObject, LabelSelector, OwnerReference } from '../../kube/types.ts';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  [key: string]: unknown;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [key: string]: unknown;
}

export interface PodSpec {
  hostname?: string;
  subdomain?: string;
  volumes?: Volume[];
  [key: string]: unknown;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: { phase?: string; conditions?: PodCondition[]; [key: string]: unknown };
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; [key: string]: unknown };
  spec?: PodSpec;
}

export interface ClaimTemplate {
  metadata: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export type RetentionType = 'Retain' | 'Delete';

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  serviceName?: string;
  volumeClaimTemplates?: ClaimTemplate[];
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: RetentionType; whenScaled?: RetentionType };
  ordinals?: { start?: number };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: unknown[];
  availableReplicas: number;
}

export interface StatefulSet extends KubeObject {
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export interface Pvc extends KubeObject {
  spec?: Record<string, unknown>;
}

interface ParsedName {
  readonly parent: string;
  readonly ordinal: number;
}

// Every sync parses every pod name several times; names repeat, so results are remembered
// (bounded: the cache starts over when full).
const NAME_CACHE_SIZE = 100_000;
const parsedNames = new Map<string, ParsedName>();

/** getParentNameAndOrdinal: parent "" and ordinal -1 when the name does not parse. */
export function parseName(name: string | undefined): ParsedName {
  const key = name ?? '';
  const hit = parsedNames.get(key);
  if (hit) return hit;
  const parsed: ParsedName = Object.freeze(parseParentAndOrdinal(key));
  if (parsedNames.size >= NAME_CACHE_SIZE) parsedNames.clear();
  parsedNames.set(key, parsed);
  return parsed;
}

export function ordinalOf(pod: KubeObject): number {
  return parseName(pod.metadata.name).ordinal;
}

export function isMemberOf(set: StatefulSet, pod: KubeObject): boolean {
  return parseName(pod.metadata.name).parent === set.metadata.name;
}

export function replicasOf(set: StatefulSet): number {
  return set.spec.replicas ?? 1;
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals ? (set.spec.ordinals.start ?? 0) : 0;
}

export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

export function inOrdinalRange(pod: KubeObject, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function claimName(set: StatefulSet, template: ClaimTemplate, ordinal: number): string {
  return `${template.metadata.name}-${set.metadata.name}-${ordinal}`;
}

export function isParallel(set: StatefulSet): boolean {
  return set.spec.podManagementPolicy === 'Parallel';
}

export function minReadySecondsOf(set: StatefulSet): number {
  return set.spec.minReadySeconds ?? 0;
}

export function retentionPolicy(set: StatefulSet): { whenDeleted: RetentionType; whenScaled: RetentionType } {
  const p = set.spec.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted ?? 'Retain', whenScaled: p?.whenScaled ?? 'Retain' };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  for (const r of obj.metadata.ownerReferences ?? []) if (r.controller === true) return r;
  return undefined;
}

// In-memory pods for empty slots: "not created" (upstream: phase ""). Every pod read from the
// store exists, whatever its phase says.
const placeholders = new WeakSet<Pod>();

export function markPlaceholder(pod: Pod): Pod {
  placeholders.add(pod);
  return pod;
}

export function isCreated(pod: Pod): boolean {
  return !placeholders.has(pod);
}

function phaseOf(pod: Pod): string {
  return pod.status?.phase ?? (isCreated(pod) ? 'Pending' : '');
}

export const isPending = (pod: Pod) => isCreated(pod) && phaseOf(pod) === 'Pending';
export const isFailed = (pod: Pod) => phaseOf(pod) === 'Failed';
export const isSucceeded = (pod: Pod) => phaseOf(pod) === 'Succeeded';
export const isTerminating = (pod: Pod) => !!pod.metadata.deletionTimestamp;

interface Readiness {
  ready: boolean;
  /** Ready's lastTransitionTime in ms (NaN when absent or unparsable). */
  since: number;
}

// Stored pods are deep-frozen, so what their Ready condition says can be remembered per object:
// a sync asks it several times for every pod.
const readiness = new WeakMap<Pod, Readiness>();

function readinessOf(pod: Pod): Readiness {
  const hit = readiness.get(pod);
  if (hit) return hit;
  let cond: PodCondition | undefined;
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'Ready') {
      cond = c;
      break;
    }
  }
  const r: Readiness = { ready: cond?.status === 'True', since: Date.parse(cond?.lastTransitionTime ?? '') };
  if (Object.isFrozen(pod) && Object.isFrozen(pod.status ?? {})) readiness.set(pod, r);
  return r;
}

export function isPodReady(pod: Pod): boolean {
  return readinessOf(pod).ready;
}

export function isRunningAndReady(pod: Pod): boolean {
  return phaseOf(pod) === 'Running' && isPodReady(pod);
}

/** podutil.IsPodAvailable: Ready, and Ready for more than minReadySeconds (strictly). No phase check. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const r = readinessOf(pod);
  if (!r.ready) return false;
  if (minReadySeconds === 0) return true;
  return Number.isFinite(r.since) && r.since + minReadySeconds * 1000 < now;
}

/** Not (Running, Ready and Available for minReadySeconds), or terminating. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return !isRunningAndReady(pod) || isTerminating(pod) || !isRunningAndAvailable(pod, minReadySeconds, now);
}

export function podRevision(pod: KubeObject): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}
