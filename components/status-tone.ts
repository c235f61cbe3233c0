// How a state looks: a tone (colour family) AND a glyph, so every state reads without colour
// (projectors, colour blindness). The text beside the glyph is always the kubectl wording.
// Pure: no React, so node cards, the summary strip and tests share one mapping.

import type { PodSlot, StatefulSetInfo } from '../lib/topology/types.ts';

export type Tone = 'ok' | 'progress' | 'bad' | 'terminating' | 'idle' | 'warn';

export interface Look {
  tone: Tone;
  glyph: string;
}

export const GLYPH: Record<Tone, string> = {
  ok: '✓',
  progress: '◔',
  bad: '✕',
  terminating: '⟳',
  idle: '◌',
  warn: '⚠',
};

const look = (tone: Tone): Look => ({ tone, glyph: GLYPH[tone] });

/** kubectl STATUS values that mean the pod is in trouble (waiting reasons and terminal phases). */
const POD_TROUBLE = /^(CrashLoopBackOff|ImagePullBackOff|ErrImagePull|Error|Failed|Evicted|Unknown|OOMKilled|ContainerStatusUnknown|InvalidImageName|CreateContainer(Config)?Error|RunContainerError|Init:(Error|CrashLoopBackOff|ErrImagePull|ImagePullBackOff)|NodeLost)/;

export function podLook(pod: PodSlot): Look {
  if (pod.placeholder) return look('idle');
  const status = pod.kubectl.status;
  if (pod.terminating || status === 'Terminating') return look('terminating');
  if (POD_TROUBLE.test(status)) return look('bad');
  if (status === 'Completed' || status === 'Succeeded') return look('idle');
  if (status === 'Running' && pod.ready) return look('ok');
  return look('progress');
}

/** PVC STATUS as kubectl prints it; null when the claim does not exist yet. */
export function claimLook(status: string | null): Look {
  if (status === null) return look('idle');
  if (status === 'Bound') return look('ok');
  if (status === 'Lost') return look('bad');
  if (status === 'Terminating') return look('terminating');
  return look('progress');
}

/** PV phase: Available and Bound are fine, Released waits for a human, Failed is broken. */
export function volumeLook(phase: string | null): Look {
  if (phase === 'Bound' || phase === 'Available') return look('ok');
  if (phase === 'Released') return look('warn');
  if (phase === 'Failed') return look('bad');
  if (phase === null || phase === 'Unknown') return look('idle');
  return look('progress');
}

export function setLook(sts: StatefulSetInfo): Look {
  if (sts.deleting) return look('terminating');
  const r = sts.replicas;
  if (sts.rolloutDone && r.ready === r.desired && r.current === r.desired) return look('ok');
  return look('progress');
}

/** The words beside the glyph for a pod: kubectl STATUS, or "Not created" for a placeholder. */
export function podStatusText(pod: PodSlot): string {
  return pod.placeholder ? 'Not created' : pod.kubectl.status;
}
