// apps/v1 validation (pkg/apis/apps/validation): StatefulSet create and update rules of
// statefulset-semantics.md §5.2, in upstream order, and ControllerRevision. Objects arrive
// defaulted. As upstream, the pod template's spec is not validated beyond restartPolicy and
// activeDeadlineSeconds (a broken template surfaces when the controller creates pods).

import { matchesLabelSelector } from '../../kube/labels.ts';
import type { KubeObject } from '../../kube/types.ts';
import {
  child, forbidden, invalid, isObject, nonNegative, notSupported, required, selectorConvertible,
  semanticEqual, validateAnnotations, validateLabelSelector, validateLabels, validateObjectMeta,
  validateObjectMetaUpdate, type Cause, type Obj,
} from './validation-field.ts';

function validateUpdateStrategy(spec: Obj): Cause[] {
  const strategy = child(spec, 'updateStrategy') ?? {};
  const rollingUpdate = strategy.rollingUpdate;
  switch (strategy.type) {
    case undefined:
    case null:
    case '':
      return [required('spec.updateStrategy')];
    case 'OnDelete':
      return rollingUpdate != null ? [invalid('spec.updateStrategy.rollingUpdate', rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate':
      return isObject(rollingUpdate) ? validateRollingUpdate(rollingUpdate) : [];
    default:
      return [invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

function validateRollingUpdate(ru: Obj): Cause[] {
  const path = 'spec.updateStrategy.rollingUpdate';
  const out = nonNegative(`${path}.partition`, ru.partition);
  const mu = ru.maxUnavailable;
  if (mu === undefined || mu === null) return out;
  const field = `${path}.maxUnavailable`;
  if (typeof mu === 'string') {
    if (!/^[0-9]+%$/.test(mu)) return [...out, invalid(field, mu, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    const pct = Number(mu.slice(0, -1));
    if (pct === 0) out.push(invalid(field, mu, 'cannot be 0'));
    if (pct > 100) out.push(invalid(field, mu, 'must not be greater than 100%'));
  } else if (typeof mu === 'number') {
    out.push(...nonNegative(field, mu));
    if (mu === 0) out.push(invalid(field, mu, 'cannot be 0'));
  }
  return out;
}

function validateRetention(spec: Obj): Cause[] {
  const policy = child(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!policy) return [];
  const out: Cause[] = [];
  for (const k of ['whenDeleted', 'whenScaled']) {
    if (policy[k] !== 'Retain' && policy[k] !== 'Delete') {
      out.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, policy[k] ?? '', ['Retain', 'Delete']));
    }
  }
  return out;
}

function selectorTerms(selector: Obj | undefined): number {
  if (!selector) return 0;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return Object.keys(child(selector, 'matchLabels') ?? {}).length + expressions;
}

function validateSelectorAndTemplate(spec: Obj): Cause[] {
  const selector = child(spec, 'selector');
  const tmeta = child(child(spec, 'template'), 'metadata') ?? {};
  const out: Cause[] = [];
  if (!selector) {
    out.push(required('spec.selector'));
  } else {
    out.push(...validateLabelSelector(selector, 'spec.selector'));
    if (selectorTerms(selector) === 0) out.push(invalid('spec.selector', selector, 'empty selector is invalid for statefulset'));
    if (!selectorConvertible(selector)) {
      out.push(invalid('spec.selector', selector, ''));
      return out;
    }
  }
  const labels = (child(tmeta, 'labels') ?? {}) as Record<string, string>;
  if (selector && selectorTerms(selector) > 0 && !matchesLabelSelector(selector, labels)) {
    out.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  // Upstream reports template label/annotation errors under spec.template.labels/.annotations.
  out.push(...validateLabels(tmeta.labels, 'spec.template.labels'));
  out.push(...validateAnnotations(tmeta.annotations, 'spec.template.annotations'));
  return out;
}

function validateStatefulSetSpec(spec: Obj): Cause[] {
  const out: Cause[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) out.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') out.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  out.push(...validateUpdateStrategy(spec));
  out.push(...validateRetention(spec));
  out.push(...nonNegative('spec.replicas', spec.replicas));
  out.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  const ordinals = child(spec, 'ordinals');
  if (ordinals) out.push(...nonNegative('spec.ordinals.start', ordinals.start));
  out.push(...validateSelectorAndTemplate(spec));
  const podSpec = child(child(spec, 'template'), 'spec') ?? {};
  if (podSpec.restartPolicy !== 'Always') out.push(notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy ?? '', ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    out.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return out;
}

export function validateStatefulSetCreate(obj: KubeObject): Cause[] {
  return [...validateObjectMeta(obj, 'label', true), ...validateStatefulSetSpec((obj.spec ?? {}) as Obj)];
}

const MUTABLE_STS_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** The name is not revalidated on update (older servers accepted DNS subdomains). */
export function validateStatefulSetUpdate(obj: KubeObject, old: KubeObject): Cause[] {
  const spec = (obj.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  const out = [...validateObjectMetaUpdate(obj, old), ...validateStatefulSetSpec(spec)];
  const munged: Obj = { ...spec };
  for (const k of MUTABLE_STS_FIELDS) munged[k] = oldSpec[k];
  if (!semanticEqual(munged, oldSpec)) {
    out.push(forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return out;
}

export function validateControllerRevisionCreate(obj: KubeObject): Cause[] {
  const out = validateObjectMeta(obj, 'subdomain', true);
  if (obj.data === undefined || obj.data === null) out.push(required('data', 'data is mandatory'));
  out.push(...nonNegative('revision', obj.revision));
  return out;
}

export function validateControllerRevisionUpdate(obj: KubeObject, old: KubeObject): Cause[] {
  const out = [...validateObjectMetaUpdate(obj, old)];
  if (obj.data === undefined || obj.data === null) out.push(required('data', 'data is mandatory'));
  out.push(...nonNegative('revision', obj.revision));
  if (!semanticEqual(obj.data, old.data)) out.push(invalid('data', obj.data ?? null, 'field is immutable'));
  return out;
}
