// Pod ordinals as the StatefulSet controller parses them (statefulset-semantics.md §1.1):
// `^(.*)-([0-9]+)$` with a greedy parent; -1 when the name does not match or the parent differs.

const ORDINAL_RE = /^(.*)-([0-9]+)$/;

const INT32_MAX = 2 ** 31 - 1;

/**
 * getParentNameAndOrdinal: parent "" and ordinal -1 when the name does not match; a matching name
 * whose number does not fit an int32 keeps its parent and gets ordinal -1, as upstream's ParseInt does.
 */
export function parseParentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = ORDINAL_RE.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(n) && n <= INT32_MAX ? n : -1 };
}

/** The ordinal of a pod of set `setName`, or -1 if the pod is not a member by name. */
export function parseOrdinal(setName: string, podName: string): number {
  const { parent, ordinal } = parseParentAndOrdinal(podName);
  return parent === setName ? ordinal : -1;
}

/** Sorts by ordinal, numerically (web-2 before web-10). */
export function byOrdinal<T extends { ordinal: number }>(a: T, b: T): number {
  return a.ordinal - b.ordinal;
}
