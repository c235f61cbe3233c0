// Comparing what a client used (the authorizer's records) with what a set of RBAC rules grants:
// the checks behind "the dashboard's Role is exactly what it needs". Pure.

import YAML from 'yaml';
import type { KubeObject } from '../../kube/types.ts';
import { RESOURCES } from '../resources.ts';
import type { Store } from '../store/store.ts';
import type { AccessRecord } from './authorizer.ts';
import type { PolicyRule } from './policy.ts';

/** One grant: a verb on group/resource[/subresource]. */
export interface Grant {
  verb: string;
  apiGroup: string;
  /** "pods" or "statefulsets/scale". */
  resource: string;
}

export function grantKey(g: Grant): string {
  return `${g.verb} ${g.apiGroup ? `${g.resource}.${g.apiGroup}` : g.resource}`;
}

export function recordGrant(r: AccessRecord): Grant {
  return { verb: r.verb, apiGroup: r.apiGroup, resource: r.subresource ? `${r.resource}/${r.subresource}` : r.resource };
}

/**
 * The grants written in rules, expanded verb by verb. Wildcards are kept as written ('*'), so a
 * rule with one shows up as a grant no record can use up: wide rules fail a minimality check.
 */
export function grantsOf(rules: readonly PolicyRule[]): Grant[] {
  const out: Grant[] = [];
  for (const rule of rules) {
    if (rule.nonResourceURLs?.length) continue;
    for (const verb of rule.verbs ?? []) {
      for (const apiGroup of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) out.push({ verb, apiGroup, resource });
      }
    }
  }
  return out;
}

/** Grants in `rules` that no allowed record used. */
export function unusedGrants(rules: readonly PolicyRule[], records: readonly AccessRecord[]): Grant[] {
  const used = new Set(records.filter((r) => r.allowed && r.resource).map((r) => grantKey(recordGrant(r))));
  return grantsOf(rules).filter((g) => !used.has(grantKey(g)));
}

/** The rules of the Roles and ClusterRoles in a multi-document YAML text (e.g. `kubectl kustomize` output). */
export function rulesInManifests(yamlText: string, kinds: readonly string[] = ['Role', 'ClusterRole']): PolicyRule[] {
  return parseManifests(yamlText)
    .filter((o) => kinds.includes(o.kind ?? ''))
    .flatMap((o) => ((o as { rules?: PolicyRule[] }).rules ?? []));
}

export function parseManifests(yamlText: string): KubeObject[] {
  return YAML.parseAllDocuments(yamlText)
    .map((d) => d.toJS() as KubeObject | null)
    .flatMap((o) => (o && o.kind === 'List' ? ((o as { items?: KubeObject[] }).items ?? []) : o ? [o] : []));
}

const LOADABLE = new Set(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);

/**
 * Creates (or replaces) the ServiceAccounts and RBAC objects of a manifest text in the store, as
 * an admin's `kubectl apply` would; other kinds are ignored. Returns the objects written.
 */
export function loadRbacManifests(store: Store, yamlText: string, defaultNamespace = 'default'): KubeObject[] {
  const written: KubeObject[] = [];
  for (const obj of parseManifests(yamlText)) {
    if (!LOADABLE.has(obj.kind ?? '')) continue;
    const [group, version] = (obj.apiVersion ?? '').includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion ?? ''];
    const def = RESOURCES.find((r) => r.kind === obj.kind && r.group === group && r.version === version);
    if (!def) throw new Error(`cannot load ${obj.apiVersion}/${obj.kind}`);
    const o = structuredClone(obj);
    if (def.namespaced) o.metadata.namespace ??= defaultNamespace;
    const existing = store.get(def.key, o.metadata.namespace, o.metadata.name!);
    written.push(existing ? store.update(def.key, { ...o, metadata: { ...o.metadata, resourceVersion: undefined } }) : store.create(def.key, o));
  }
  return written;
}
