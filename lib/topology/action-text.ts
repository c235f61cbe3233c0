// The texts of `action` timeline entries (the user's own actions), written by the server's
// action routes and read back by orderingVerdict (verdict.ts) to know what the user asked for.
// One module for both sides so the two cannot drift apart. Pure, browser-safe.

export type ActionKind = 'scale' | 'delete-pods' | 'delete-pod' | 'restart' | 'image' | 'partition';

export const actionText = {
  scale: (from: number, to: number) => `Scale ${from} -> ${to}`,
  deletePods: () => 'Delete all pods',
  deletePod: (pod: string) => `Delete pod ${pod}`,
  restart: () => 'Rolling restart',
  image: (container: string, image: string) => `Set image ${container} -> ${image}`,
  partition: (from: number, to: number) => `Partition ${from} -> ${to}`,
};

export interface ParsedAction {
  kind: ActionKind;
  /** scale and partition: the value before and after. */
  from?: number;
  to?: number;
  /** delete-pod: the pod. */
  pod?: string;
}

/** What an action entry's text says was asked; null for a text this module did not write. */
export function parseActionText(text: string): ParsedAction | null {
  let m = /^Scale (\d+) -> (\d+)$/.exec(text);
  if (m) return { kind: 'scale', from: Number(m[1]), to: Number(m[2]) };
  m = /^Partition (\d+) -> (\d+)$/.exec(text);
  if (m) return { kind: 'partition', from: Number(m[1]), to: Number(m[2]) };
  m = /^Delete pod (\S+)$/.exec(text);
  if (m) return { kind: 'delete-pod', pod: m[1] };
  if (text === 'Delete all pods') return { kind: 'delete-pods' };
  if (text === 'Rolling restart') return { kind: 'restart' };
  if (text.startsWith('Set image ')) return { kind: 'image' };
  return null;
}
