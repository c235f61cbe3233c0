// EndpointSlice entries of one Service (statefulset-semantics.md §8.1-8.2): the source of truth
// for DNS, because CoreDNS answers from EndpointSlices, not from pods.

import type { KubeObject } from '../kube/types.ts';
import { dict, list, str } from './fields.ts';
import { memberOrdinal } from './ordinals.ts';

export interface EndpointEntry {
  /** targetRef name when the target is a Pod; null otherwise. */
  podName: string | null;
  podUid: string | null;
  addresses: string[];
  /** conditions.ready != false: CoreDNS publishes the endpoint (nil counts as ready). */
  ready: boolean;
  terminating: boolean;
  hostname: string | null;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export function endpointsOf(serviceName: string, slices: readonly KubeObject[]): EndpointEntry[] {
  return slices
    .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === serviceName)
    .flatMap(entriesOf);
}

/** Each slice's entries, read once per slice object (input objects are never mutated). */
const ENTRIES = new WeakMap<KubeObject, readonly EndpointEntry[]>();

function entriesOf(slice: KubeObject): readonly EndpointEntry[] {
  let entries = ENTRIES.get(slice);
  if (!entries) {
    entries = list(slice.endpoints).map((raw) => toEntry(dict(raw)));
    ENTRIES.set(slice, entries);
  }
  return entries;
}

function toEntry(e: Record<string, unknown>): EndpointEntry {
  const ref = dict(e.targetRef);
  const conditions = dict(e.conditions);
  const isPod = ref.kind === 'Pod';
  return {
    podName: isPod ? str(ref.name) : null,
    podUid: isPod ? str(ref.uid) : null,
    addresses: list(e.addresses).filter((a): a is string => typeof a === 'string'),
    ready: conditions.ready !== false,
    terminating: conditions.terminating === true,
    hostname: str(e.hostname),
  };
}

/** Entries by pod name, for endpointOf: one pass instead of a search per pod. */
export function endpointsByPod(endpoints: readonly EndpointEntry[]): Map<string, EndpointEntry[]> {
  const out = new Map<string, EndpointEntry[]>();
  for (const e of endpoints) {
    if (e.podName === null) continue;
    const list = out.get(e.podName);
    if (list) list.push(e);
    else out.set(e.podName, [e]);
  }
  return out;
}

/** The first entry for this incarnation of the pod; an entry without a uid counts for any. */
export function endpointOf(byPod: ReadonlyMap<string, readonly EndpointEntry[]>, podName: string, uid: string | undefined): EndpointEntry | null {
  return byPod.get(podName)?.find((e) => e.podUid === null || e.podUid === uid) ?? null;
}

/** memberOrdinal of the entry's pod for set `setName` (-1 for none), read once per entry. */
const ORDINALS = new WeakMap<EndpointEntry, { setName: string; ordinal: number }>();

export function entryOrdinal(setName: string, entry: EndpointEntry): number {
  const known = ORDINALS.get(entry);
  if (known?.setName === setName) return known.ordinal;
  const ordinal = entry.podName ? memberOrdinal(setName, entry.podName) : -1;
  ORDINALS.set(entry, { setName, ordinal });
  return ordinal;
}
