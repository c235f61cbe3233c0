// Pod and PVC names of a StatefulSet (statefulset-semantics.md §1.1, §1.4). Parsing a pod name
// into parent and ordinal lives in lib/kube/ordinals.ts (shared with the embedded cluster).

export { parseOrdinal as memberOrdinal } from '../kube/ordinals.ts';

export function podName(setName: string, ordinal: number): string {
  return `${setName}-${ordinal}`;
}

export function claimName(template: string, setName: string, ordinal: number): string {
  return `${template}-${setName}-${ordinal}`;
}

/** The ordinal of `<template>-<set>-<n>`, or -1 when the name is not such a claim. */
export function claimOrdinal(template: string, setName: string, name: string): number {
  const prefix = `${template}-${setName}-`;
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9][0-9]{0,9})$/.test(rest) ? Number(rest) : -1;
}
