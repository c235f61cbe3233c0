// Validation of writes, returning the Status causes a real v1.34 API server would report (422
// Invalid), in its wording. Callers pass defaulted objects (defaults.ts first), keyed by the
// store's resource keys (R in resources.ts); "scale" (or any key ending in "/scale") validates an
// autoscaling/v1 Scale. Kinds without specific rules get metadata checks only.

import type { KubeObject } from '../../kube/types.ts';
import { R, RESOURCES } from '../resources.ts';
import {
  validateControllerRevisionCreate, validateControllerRevisionUpdate, validateStatefulSetCreate, validateStatefulSetUpdate,
} from './validation-apps.ts';
import {
  validatePodCreate, validatePodUpdate, validatePVCCreate, validatePVCUpdate, validateServiceCreate, validateServiceUpdate,
} from './validation-core.ts';
import {
  nonNegative, validateObjectMeta, validateObjectMetaUpdate, type Cause, type NameRule,
} from './validation-field.ts';

export type { Cause } from './validation-field.ts';

function isScale(key: string): boolean {
  return key === 'scale' || key.endsWith('/scale');
}

function nameRule(key: string): NameRule {
  switch (key) {
    case R.statefulsets:
    case R.namespaces: return 'label';
    case R.services: return 'dns1035';
    case R.pvs:
    case R.roles:
    case R.roleBindings:
    case R.clusterRoles:
    case R.clusterRoleBindings: return 'pathSegment';
    default: return 'subdomain';
  }
}

function namespaced(key: string): boolean {
  return isScale(key) || (RESOURCES.find((r) => r.key === key)?.namespaced ?? false);
}

function validateScale(obj: KubeObject): Cause[] {
  return nonNegative('spec.replicas', (obj.spec as { replicas?: unknown } | undefined)?.replicas);
}

/** Causes for creating obj as resourceKey; empty when valid. */
export function validateCreate(resourceKey: string, obj: KubeObject): Cause[] {
  switch (resourceKey) {
    case R.statefulsets: return validateStatefulSetCreate(obj);
    case R.controllerRevisions: return validateControllerRevisionCreate(obj);
    case R.services: return validateServiceCreate(obj);
    case R.pods: return validatePodCreate(obj);
    case R.pvcs: return validatePVCCreate(obj);
  }
  const meta = validateObjectMeta(obj, nameRule(resourceKey), namespaced(resourceKey));
  return isScale(resourceKey) ? [...meta, ...validateScale(obj)] : meta;
}

/** Causes for replacing old with obj; empty when valid. */
export function validateUpdate(resourceKey: string, obj: KubeObject, old: KubeObject): Cause[] {
  switch (resourceKey) {
    case R.statefulsets: return validateStatefulSetUpdate(obj, old);
    case R.controllerRevisions: return validateControllerRevisionUpdate(obj, old);
    case R.services: return validateServiceUpdate(obj, old);
    case R.pods: return validatePodUpdate(obj, old);
    case R.pvcs: return validatePVCUpdate(obj, old);
  }
  const meta = validateObjectMetaUpdate(obj, old);
  return isScale(resourceKey) ? [...meta, ...validateScale(obj)] : meta;
}

/** "StatefulSet" -> "StatefulSet.apps"; an already qualified kind or a core kind is kept. */
function qualifiedKind(kind: string): string {
  if (kind.includes('.')) return kind;
  if (kind === 'Scale') return 'Scale.autoscaling';
  const group = RESOURCES.find((r) => r.kind === kind)?.group;
  return group ? `${kind}.${group}` : kind;
}

/**
 * The Status message of a 422: `StatefulSet.apps "web" is invalid: spec.replicas: Invalid value:
 * -1: must be greater than or equal to 0`, several causes as `[a, b]` with duplicates dropped.
 */
export function formatInvalidMessage(kind: string, name: string, causes: Cause[]): string {
  const parts = [...new Set(causes.map((c) => `${c.field}: ${c.message}`))];
  const body = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return `${qualifiedKind(kind)} ${JSON.stringify(name)} is invalid: ${body}`;
}
