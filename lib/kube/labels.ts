// Label selectors as the API server and kubectl understand them: the string form used in
// `?labelSelector=` and `kubectl get -l` (=, ==, !=, in, notin, exists, !exists), and the
// structured LabelSelector of a StatefulSet's spec.selector. Pure; shared by the embedded
// cluster and the dashboard.

import type { LabelSelector } from './types.ts';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export class SelectorError extends Error {}

// A label key: optional DNS-subdomain prefix and a name of up to 63 characters.
const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function checkKey(key: string): void {
  if (!KEY_RE.test(key)) throw new SelectorError(`invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

function checkValue(v: string): void {
  if (v.length > 63 || !VALUE_RE.test(v)) throw new SelectorError(`invalid label value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

/** Splits on commas that are not inside a set "(a,b)". */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

function parseTerm(term: string): Requirement {
  let m = /^!\s*([^\s=!()]+)$/.exec(term);
  if (m) { checkKey(m[1]); return { key: m[1], operator: 'DoesNotExist', values: [] }; }
  m = /^([^\s=!()]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
  if (m) {
    checkKey(m[1]);
    const values = m[3].split(',').map((v) => v.trim());
    if (values.length === 1 && values[0] === '') throw new SelectorError(`for 'in', 'notin' operators, values set can't be empty`);
    values.forEach(checkValue);
    return { key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values };
  }
  m = /^([^\s=!()]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(term);
  if (m) {
    checkKey(m[1]);
    checkValue(m[3]);
    return { key: m[1], operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]] };
  }
  m = /^([^\s=!()]+)$/.exec(term);
  if (m) { checkKey(m[1]); return { key: m[1], operator: 'Exists', values: [] }; }
  throw new SelectorError(`unable to parse requirement: "${term}"`);
}

/** Parses the string form; an empty string selects everything. Throws SelectorError. */
export function parseSelector(s: string): Requirement[] {
  return splitTerms(s).map(parseTerm);
}

export function matches(reqs: readonly Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.operator) {
      case 'In': return has && r.values.includes(l[r.key]);
      case 'NotIn': return !has || !r.values.includes(l[r.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
    }
  });
}

/**
 * Converts a structured selector to requirements. An empty or missing selector yields [] which
 * matches everything; callers that must treat "empty" as "nothing" (workload selectors) check
 * isEmptySelector first.
 */
export function fromLabelSelector(ls: LabelSelector | undefined): Requirement[] {
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(ls?.matchLabels ?? {})) out.push({ key, operator: 'In', values: [value] });
  for (const e of ls?.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    out.push({ key: e.key, operator: e.operator as Operator, values: [...(e.values ?? [])] });
  }
  return out;
}

export function isEmptySelector(ls: LabelSelector | undefined): boolean {
  return !ls || (Object.keys(ls.matchLabels ?? {}).length === 0 && (ls.matchExpressions ?? []).length === 0);
}

export function matchesLabelSelector(ls: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return matches(fromLabelSelector(ls), labels);
}

/** The string form, as the scale subresource's status.selector and kubectl print it. */
export function selectorToString(reqs: readonly Requirement[]): string {
  const sorted = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted
    .map((r) => {
      switch (r.operator) {
        case 'In': return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn': return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists': return r.key;
        case 'DoesNotExist': return `!${r.key}`;
      }
    })
    .join(',');
}

export function labelSelectorToString(ls: LabelSelector | undefined): string {
  return selectorToString(fromLabelSelector(ls));
}
