// Storage per ordinal and claim template: PVC `<template>-<set>-<ordinal>` (§1.4), the PV it is
// bound to, and what a learner needs to know (kept after scale-down, why it is Pending).
// StorageClass checks run only when cluster-scoped objects are readable (pvAccess 'ok'); the
// input contract lists StorageClasses together with PVs.

import type { KubeObject } from '../kube/types.ts';
import { dict, isTerminating, list, specOf, statusOf, str } from './fields.ts';
import type { RawSlot } from './health.ts';
import { nodeId } from './ids.ts';
import { claimListSource, claimReuse, recordClaimList, sameClaimList } from './claim-reuse.ts';
import { claimName, parseClaimName, podName } from './ordinals.ts';
import { readPod } from './pod-read.ts';
import type { SetFacts } from './set-facts.ts';
import type { ClaimInfo, VolumeInfo } from './types.ts';

export interface StorageInput {
  pvcs: Map<string, KubeObject>;
  pvs: Map<string, KubeObject>;
  storageClasses: Map<string, KubeObject>;
  pvAccess: 'ok' | 'forbidden';
}

const ACCESS_MODE_SHORT: Record<string, string> = {
  ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP',
};

/**
 * `previous`: the claims of the previous model. The whole list is reused when storage and the
 * slots read the same, otherwise each claim built from the same objects (claim-reuse.ts).
 */
export function buildClaims(set: SetFacts, slots: readonly RawSlot[], input: StorageInput, previous: ClaimInfo[] = []): ClaimInfo[] {
  const listSource = claimListSource(set, slots, input);
  if (sameClaimList(previous, listSource)) return previous;
  const slotByOrdinal = new Map(slots.map((s) => [s.ordinal, s]));
  const reuse = claimReuse(set, input);
  const pvcClaims = [...input.pvcs.values()].map((pvc) => claimOf(set.name, pvc));
  const out: ClaimInfo[] = [];
  set.templates.forEach((t) => {
    const ordinals = new Set(slots.map((s) => s.ordinal));
    for (const c of pvcClaims) if (c?.template === t.name) ordinals.add(c.ordinal);
    const prevByOrdinal = new Map(previous.flatMap((c) => (c.template === t.name ? [[c.ordinal, c] as const] : [])));
    for (const o of ordinals) {
      const slot = slotByOrdinal.get(o) ?? null;
      const prev = prevByOrdinal.get(o);
      // The previous claim of this template and ordinal has this claim's name.
      const name = prev?.name ?? claimName(t.name, set.name, o);
      const source = reuse.source(input.pvcs.get(name), slot);
      out.push(prev && reuse.reusable(prev, source) ? prev : reuse.record(buildClaim(set, t.name, o, slot, input), source));
    }
  });
  const templateIndex = new Map(set.templates.map((t, i) => [t.name, i]));
  out.sort((a, b) => a.ordinal - b.ordinal || (templateIndex.get(a.template) ?? 0) - (templateIndex.get(b.template) ?? 0));
  return recordClaimList(out, listSource);
}

/** parseClaimName of a PVC's name, read once per PVC object (input objects are never mutated). */
const CLAIM_NAMES = new WeakMap<KubeObject, { setName: string; claim: ReturnType<typeof parseClaimName> }>();

function claimOf(setName: string, pvc: KubeObject): ReturnType<typeof parseClaimName> {
  const known = CLAIM_NAMES.get(pvc);
  if (known?.setName === setName) return known.claim;
  const claim = parseClaimName(setName, pvc.metadata.name ?? '');
  CLAIM_NAMES.set(pvc, { setName, claim });
  return claim;
}

function buildClaim(set: SetFacts, template: string, ordinal: number, slot: RawSlot | null, input: StorageInput): ClaimInfo {
  const name = claimName(template, set.name, ordinal);
  const pvc = input.pvcs.get(name);
  const pod = podName(set.name, ordinal);
  const base = { id: nodeId('PersistentVolumeClaim', set.namespace, name), name, template, ordinal, podName: pod };
  if (!pvc) {
    const created = slot !== null && slot.pod !== null;
    return {
      ...base, exists: false, status: null, phase: null, capacity: null, accessModes: [], requested: null,
      storageClassName: null, volumeName: null, pv: null, retained: false,
      reason: created ? null : `PVC ${name} is created just before ${pod}`,
      warnings: created ? [`PVC missing: ${pod} cannot start without it; the controller re-creates it while ${pod} is Pending`] : [],
    };
  }
  const spec = specOf(pvc);
  const status = statusOf(pvc);
  const volumeName = str(spec.volumeName);
  const phase = str(status.phase) ?? 'Pending';
  const storageClassName = str(spec.storageClassName) ?? str(pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']);
  const pvObj = volumeName && input.pvAccess === 'ok' ? input.pvs.get(volumeName) : undefined;
  const retained = slot === null && set.whenScaled === 'Retain';
  return {
    ...base, exists: true,
    status: isTerminating(pvc) ? 'Terminating' : phase,
    phase,
    // kubectl shows capacity and access modes only once the claim names a volume.
    capacity: volumeName ? str(dict(status.capacity).storage) : null,
    accessModes: volumeName ? list(status.accessModes).map((m) => ACCESS_MODE_SHORT[String(m)] ?? String(m)) : [],
    requested: str(dict(dict(spec.resources).requests).storage),
    storageClassName, volumeName,
    pv: pvObj ? volumeInfo(pvObj) : null,
    retained,
    reason: claimReason(set, name, pod, slot, { phase, storageClassName, input }),
    warnings: claimWarnings(pvc, { phase, storageClassName, volumeName, pvFound: pvObj !== undefined, input }),
  };
}

function volumeInfo(pv: KubeObject): VolumeInfo {
  const spec = specOf(pv);
  const ref = dict(spec.claimRef);
  const refName = str(ref.name);
  return {
    id: nodeId('PersistentVolume', null, pv.metadata.name ?? ''),
    name: pv.metadata.name ?? '',
    phase: str(statusOf(pv).phase),
    capacity: str(dict(spec.capacity).storage),
    reclaimPolicy: str(spec.persistentVolumeReclaimPolicy),
    storageClassName: str(spec.storageClassName),
    claimRef: refName ? { namespace: str(ref.namespace) ?? '', name: refName, uid: str(ref.uid) } : null,
  };
}

interface ClaimShape {
  phase: string;
  storageClassName: string | null;
  input: StorageInput;
}

function claimReason(set: SetFacts, name: string, pod: string, slot: RawSlot | null, c: ClaimShape): string | null {
  const policy = `(whenScaled: ${set.whenScaled})`;
  if (slot === null) {
    return set.whenScaled === 'Retain'
      ? `PVC ${name} kept after scale-down ${policy}; it will be reattached when ${pod} returns`
      : `PVC ${name} is deleted after scale-down ${policy}`;
  }
  if (slot.condemned) {
    return set.whenScaled === 'Retain' ? `PVC ${name} is kept after ${pod} is deleted ${policy}` : `PVC ${name} is deleted with ${pod} ${policy}`;
  }
  const sc = c.storageClassName ? c.input.storageClasses.get(c.storageClassName) : undefined;
  const scheduled = slot.pod !== null && readPod(slot.pod).nodeName !== null;
  if (c.phase === 'Pending' && sc?.volumeBindingMode === 'WaitForFirstConsumer' && !scheduled) {
    return `PVC ${name} waits for ${pod} to be scheduled (StorageClass '${c.storageClassName}' binds on first consumer)`;
  }
  return null;
}

function claimWarnings(
  pvc: KubeObject,
  c: ClaimShape & { volumeName: string | null; pvFound: boolean },
): string[] {
  const out: string[] = [];
  if (isTerminating(pvc)) out.push('PVC Terminating: it is removed once no pod uses it');
  if (c.phase === 'Lost') out.push(`PVC Lost: its PV ${c.volumeName ?? ''} is gone`.trimEnd());
  if (c.input.pvAccess !== 'ok') return out;
  if (c.phase === 'Pending') {
    if (c.storageClassName && !c.input.storageClasses.has(c.storageClassName)) {
      out.push(`PVC Pending: no StorageClass '${c.storageClassName}'`);
    } else if (!c.storageClassName && ![...c.input.storageClasses.values()].some(isDefaultClass)) {
      out.push('PVC Pending: no storageClassName and no default StorageClass, so only a pre-created matching PV can bind it');
    }
  }
  if (c.phase === 'Bound' && c.volumeName && !c.pvFound) out.push(`PVC Bound to PV ${c.volumeName}, which does not exist`);
  return out;
}

function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** "PVC Pending: …" on claim www-web-0 reads "PVC www-web-0 Pending: …" in the explanations. */
export function claimSentence(claim: ClaimInfo, warning: string): string {
  return warning.startsWith('PVC ') ? `PVC ${claim.name} ${warning.slice(4)}` : `PVC ${claim.name}: ${warning}`;
}
