// Reuse of claims across rebuilds (buildClaims), as pod-slot-reuse.ts does for pods. A claim is a
// function of: its PVC object (or none), the PV that PVC names, the StorageClasses (looked up by
// name, and whether any is the default), what its pod slot is (none, condemned, empty, a pod and
// whether it is scheduled), and the set's name, namespace and whenScaled with pvAccess. Nothing in
// it depends on time or on the previous claim. When all of these are what the previous claim was
// built from, the previous claim is the new one (same JSON, same object). And when none of it
// changed for any claim (the usual rebuild: pods changed, storage did not), the previous list is
// the new one without looking at a single claim (sameClaimList).
// What each claim or list was built from is kept in a WeakMap keyed by it (see pod-slot-reuse.ts).

import type { KubeObject } from '../kube/types.ts';
import { specOf, str } from './fields.ts';
import type { RawSlot } from './health.ts';
import { readPod } from './pod-read.ts';
import type { SetFacts } from './set-facts.ts';
import type { StorageInput } from './storage.ts';
import type { ClaimInfo } from './types.ts';

interface ClaimSource {
  pvc: KubeObject | undefined;
  /** The PV the PVC's volumeName names, when PVs are readable. */
  pv: KubeObject | undefined;
  context: string;
  slot: SlotState;
  storageClasses: ReadonlyMap<string, KubeObject>;
}

type SlotState = 'none' | 'empty' | 'unscheduled' | 'scheduled' | 'condemned' | 'condemned-unscheduled' | 'condemned-empty';

const SOURCES = new WeakMap<ClaimInfo, ClaimSource>();

export interface ClaimReuse {
  /** What a claim with this PVC and pod slot is built from in this build. */
  source(pvc: KubeObject | undefined, slot: RawSlot | null): ClaimSource;
  /** Whether `prev` (a claim of the same template and ordinal) is exactly what building it from `source` now would give. */
  reusable(prev: ClaimInfo, source: ClaimSource): boolean;
  record(claim: ClaimInfo, source: ClaimSource): ClaimInfo;
}

/** Reuse for one build of the claims of `set` from `input`. */
export function claimReuse(set: SetFacts, input: StorageInput): ClaimReuse {
  const context = JSON.stringify([set.namespace, set.name, set.whenScaled, input.pvAccess]);
  // The previous build's claims share one StorageClass map: compare it once, not per claim.
  let compared: ReadonlyMap<string, KubeObject> | null = null;
  let same = false;
  const sameClasses = (m: ReadonlyMap<string, KubeObject>) => {
    if (m !== compared) [compared, same] = [m, sameObjects(m, input.storageClasses)];
    return same;
  };
  return {
    source(pvc, slot) {
      const volumeName = pvc ? str(specOf(pvc).volumeName) : null;
      const pv = volumeName && input.pvAccess === 'ok' ? input.pvs.get(volumeName) : undefined;
      return { pvc, pv, context, slot: slotState(slot), storageClasses: input.storageClasses };
    },
    reusable(prev, source) {
      const was = SOURCES.get(prev);
      if (!was) return false;
      if (was.pvc !== source.pvc || was.pv !== source.pv || was.context !== source.context || was.slot !== source.slot) return false;
      return sameClasses(was.storageClasses);
    },
    record(claim, source) {
      SOURCES.set(claim, source);
      return claim;
    },
  };
}

/** Everything a whole claims list is built from, as lists of objects and plain values. */
export interface ClaimListSource {
  context: string;
  pvcs: KubeObject[];
  pvs: KubeObject[];
  storageClasses: KubeObject[];
  /** Each slot's ordinal and slot state, in order. */
  slots: Array<number | SlotState>;
}

const LISTS = new WeakMap<readonly ClaimInfo[], ClaimListSource>();

export function claimListSource(set: SetFacts, slots: readonly RawSlot[], input: StorageInput): ClaimListSource {
  return {
    context: JSON.stringify([set.namespace, set.name, set.whenScaled, set.templates.map((t) => t.name), input.pvAccess]),
    pvcs: [...input.pvcs.values()],
    pvs: [...input.pvs.values()],
    storageClasses: [...input.storageClasses.values()],
    slots: slots.flatMap((s) => [s.ordinal, slotState(s)]),
  };
}

/**
 * Whether `previous` (a whole claims list) was built from what `now` holds: the same objects in
 * the same order and the same slots. Then it is the new list as it is (the usual case: storage
 * did not change while pods did), and no claim is even looked at.
 */
export function sameClaimList(previous: readonly ClaimInfo[], now: ClaimListSource): boolean {
  const was = LISTS.get(previous);
  return was !== undefined && was.context === now.context && sameItems(was.pvcs, now.pvcs) && sameItems(was.pvs, now.pvs)
    && sameItems(was.storageClasses, now.storageClasses) && sameItems(was.slots, now.slots);
}

export function recordClaimList(list: ClaimInfo[], source: ClaimListSource): ClaimInfo[] {
  LISTS.set(list, source);
  return list;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What buildClaim reads of the claim's pod slot. */
function slotState(slot: RawSlot | null): SlotState {
  if (!slot) return 'none';
  if (slot.pod === null) return slot.condemned ? 'condemned-empty' : 'empty';
  if (readPod(slot.pod).nodeName === null) return slot.condemned ? 'condemned-unscheduled' : 'unscheduled';
  return slot.condemned ? 'condemned' : 'scheduled';
}

function sameObjects(a: ReadonlyMap<string, KubeObject>, b: ReadonlyMap<string, KubeObject>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [name, o] of a) if (b.get(name) !== o) return false;
  return true;
}
