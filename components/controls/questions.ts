// What the confirmation dialog says before each destructive action: the action, then what the
// StatefulSet controller will do about it, in a learner's terms (statefulset-semantics.md). Pure.

import type { StatefulSetInfo } from '../../lib/topology/types.ts';
import type { Question } from './confirm-dialog.tsx';

const ordered = (sts: StatefulSetInfo) => sts.podManagementPolicy !== 'Parallel';
const keepsClaims = (sts: StatefulSetInfo) => (sts.claimTemplates.length > 0 ? ' Their PersistentVolumeClaims are kept.' : '');

export function scaleDownQuestion(sts: StatefulSetInfo, to: number): Question {
  const from = sts.replicas.desired;
  const gone: string[] = [];
  for (let i = from - 1; i >= to; i--) gone.push(`${sts.name}-${sts.ordinalsStart + i}`);
  const how = ordered(sts) ? 'highest ordinal first, one at a time' : 'all at once (Parallel)';
  return {
    title: `Scale ${sts.name} down from ${from} to ${to}?`,
    detail: `${gone.join(', ')} will be deleted, ${how}.${keepsClaims(sts)}`,
  };
}

export function deletePodQuestion(sts: StatefulSetInfo, pod: string): Question {
  const claims = sts.claimTemplates.length > 0 ? ', the same volume' : '';
  return {
    title: `Delete pod ${pod}?`,
    detail: `The StatefulSet controller recreates ${pod} with the same name, the same DNS name${claims} and a new IP. No other pod is touched.`,
  };
}

export function deleteAllQuestion(sts: StatefulSetInfo, podCount: number): Question {
  const how = ordered(sts)
    ? `one at a time from ${sts.name}-${sts.ordinalsStart}, each after the previous one is Ready`
    : 'all at once (Parallel)';
  return {
    title: `Delete all ${podCount} pods of ${sts.name}?`,
    detail: `They come back with the same names and volumes but new IPs, ${how}.`,
  };
}

export function restartQuestion(sts: StatefulSetInfo): Question {
  const which = sts.partition > 0 ? `ordinals ${sts.ordinalsStart + sts.partition} and above (partition ${sts.partition})` : 'every pod';
  return {
    title: `Restart ${sts.name}?`,
    detail: `Like kubectl rollout restart: the pod template changes, so ${which} is replaced one at a time, highest ordinal first.`,
  };
}

export function imageQuestion(sts: StatefulSetInfo, container: string, image: string): Question {
  return {
    title: `Set image of ${container} to ${image}?`,
    detail: sts.updateStrategy === 'OnDelete'
      ? 'The strategy is OnDelete: pods get the new image only when you delete them.'
      : `A rolling update replaces the pods one at a time, highest ordinal first${sts.partition > 0 ? `, down to ordinal ${sts.ordinalsStart + sts.partition} (partition)` : ''}.`,
  };
}
