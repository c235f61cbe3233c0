// Small pure formatting helpers shared by the cards, the header and the panels.

/** "14:03:12" in the browser's local time zone (24-hour clock). */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/**
 * A ControllerRevision name without its `<set>-` prefix (`web-6f7d5c9b8` -> `6f7d5c9b8`), as
 * people compare revisions by hash. Names that do not carry the prefix are returned unchanged.
 */
export function revisionHash(revision: string | null, setName: string): string | null {
  if (revision === null) return null;
  const prefix = `${setName}-`;
  return revision.startsWith(prefix) && revision.length > prefix.length ? revision.slice(prefix.length) : revision;
}

/** The StatefulSet a member pod belongs to, from the pod name `<set>-<ordinal>`. */
export function setNameOfPod(podName: string): string {
  const dash = podName.lastIndexOf('-');
  return dash > 0 ? podName.slice(0, dash) : podName;
}

/** `Pod/default/web-0` -> `{kind: 'Pod', namespace: 'default', name: 'web-0'}`; cluster-scoped ids have no namespace. */
export function parseNodeId(id: string): { kind: string; namespace: string | null; name: string } {
  const parts = id.split('/');
  if (parts.length >= 3) return { kind: parts[0], namespace: parts[1], name: parts.slice(2).join('/') };
  return { kind: parts[0] ?? '', namespace: null, name: parts[1] ?? '' };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const ACCESS_MODE_SHORT: Record<string, string> = {
  ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP',
};

/** kubectl's ACCESS MODES column: `RWO,RWX`. */
export function accessModesShort(modes: readonly string[]): string {
  return modes.map((m) => ACCESS_MODE_SHORT[m] ?? m).join(',');
}
