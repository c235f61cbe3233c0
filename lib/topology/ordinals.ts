// Pod and PVC names of a StatefulSet (statefulset-semantics.md §1.1, §1.4). Parsing a pod name
// into parent and ordinal lives in lib/kube/ordinals.ts (shared with the embedded cluster).

export { parseOrdinal as memberOrdinal } from '../kube/ordinals.ts';

export function podName(setName: string, ordinal: number): string {
  return `${setName}-${ordinal}`;
}

export function claimName(template: string, setName: string, ordinal: number): string {
  return `${template}-${setName}-${ordinal}`;
}

const CLAIM_ORDINAL = /^(0|[1-9][0-9]{0,9})$/;

/**
 * The template and ordinal of a claim `<template>-<set>-<n>` of set `setName`, or null when the
 * name is no such claim. A name has at most one reading: <n> follows the last dash.
 */
export function parseClaimName(setName: string, name: string): { template: string; ordinal: number } | null {
  const dash = name.lastIndexOf('-');
  const rest = name.slice(dash + 1);
  if (dash < 0 || !CLAIM_ORDINAL.test(rest)) return null;
  const head = name.slice(0, dash);
  const tail = `-${setName}`;
  return head.endsWith(tail) ? { template: head.slice(0, head.length - tail.length), ordinal: Number(rest) } : null;
}
