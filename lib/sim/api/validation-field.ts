// Field errors as the API server words them (apimachinery util/validation/field), and the
// metadata checks every kind shares (apimachinery api/validation objectmeta.go).
// A Cause's message is ErrorBody(): "<Type>[: <value>][: <detail>]"; the value is printed the way
// v1.34 prints it: numbers and booleans plainly, strings quoted, anything else as JSON.

import {
  dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, labelKeyErrors, labelValueErrors,
} from '../../kube/names.ts';
import type { KubeObject } from '../../kube/types.ts';

export interface Cause {
  reason: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueDuplicate' | 'FieldValueTooLong';
  message: string;
  field: string;
}

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function child(o: Obj | undefined, key: string): Obj | undefined {
  const v = o?.[key];
  return isObject(v) ? v : undefined;
}

/** JSON with object keys sorted, as Go's encoding/json writes maps. */
export function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x === undefined ? null : x)).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return goJson(v);
}

function withDetail(s: string, detail: string): string {
  return detail ? `${s}: ${detail}` : s;
}

export function required(field: string, detail = ''): Cause {
  return { reason: 'FieldValueRequired', message: withDetail('Required value', detail), field };
}

export function invalid(field: string, value: unknown, detail: string): Cause {
  return { reason: 'FieldValueInvalid', message: withDetail(`Invalid value: ${formatValue(value)}`, detail), field };
}

export function notSupported(field: string, value: unknown, supported: string[]): Cause {
  const detail = supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return { reason: 'FieldValueNotSupported', message: withDetail(`Unsupported value: ${formatValue(value)}`, detail), field };
}

export function forbidden(field: string, detail: string): Cause {
  return { reason: 'FieldValueForbidden', message: withDetail('Forbidden', detail), field };
}

export function duplicate(field: string, value: unknown): Cause {
  return { reason: 'FieldValueDuplicate', message: `Duplicate value: ${formatValue(value)}`, field };
}

export function tooLong(field: string, max: number): Cause {
  return { reason: 'FieldValueTooLong', message: `Too long: must have at most ${max} bytes`, field };
}

export function nonNegative(field: string, value: unknown): Cause[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

/**
 * Semantic equality (apiequality.Semantic): absent, null, empty lists and empty maps are all
 * the same; object key order does not matter.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => semanticEqual(a[k], b[k]));
  }
  return a === b;
}

export type NameRule = 'label' | 'subdomain' | 'dns1035' | 'pathSegment';

function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const ch of ['/', '%']) if (name.includes(ch)) errs.push(`may not contain '${ch}'`);
  return errs;
}

export function nameErrors(rule: NameRule, name: string): string[] {
  switch (rule) {
    case 'label': return dns1123LabelErrors(name);
    case 'subdomain': return dns1123SubdomainErrors(name);
    case 'dns1035': return dns1035LabelErrors(name);
    case 'pathSegment': return pathSegmentErrors(name);
  }
}

/** ValidateLabels: every key a qualified name, every value a label value. Keys in sorted order. */
export function validateLabels(labels: unknown, field: string): Cause[] {
  if (!isObject(labels)) return [];
  const out: Cause[] = [];
  for (const k of Object.keys(labels).sort()) {
    for (const msg of labelKeyErrors(k)) out.push(invalid(field, k, msg));
    const v = labels[k];
    for (const msg of labelValueErrors(typeof v === 'string' ? v : String(v))) out.push(invalid(field, v, msg));
  }
  return out;
}

const ANNOTATIONS_MAX_BYTES = 256 * 1024;
const encoder = new TextEncoder();
const utf8Length = (s: string) => encoder.encode(s).length;

export function validateAnnotations(annotations: unknown, field: string): Cause[] {
  if (!isObject(annotations)) return [];
  const out: Cause[] = [];
  let size = 0;
  for (const k of Object.keys(annotations).sort()) {
    for (const msg of labelKeyErrors(k.toLowerCase())) out.push(invalid(field, k, msg));
    size += utf8Length(k) + utf8Length(String(annotations[k] ?? ''));
  }
  if (size > ANNOTATIONS_MAX_BYTES) out.push(tooLong(field, ANNOTATIONS_MAX_BYTES));
  return out;
}

function validateOwnerReferences(refs: unknown): Cause[] {
  const field = 'metadata.ownerReferences';
  const out: Cause[] = [];
  const controllers: string[] = [];
  for (const r of objects(refs)) {
    const version = String(r.apiVersion ?? '').split('/').pop();
    if (!version) out.push(invalid(`${field}.apiVersion`, r.apiVersion ?? '', 'version must not be empty'));
    if (!r.kind) out.push(invalid(`${field}.kind`, r.kind ?? '', 'must not be empty'));
    if (!r.name) out.push(invalid(`${field}.name`, r.name ?? '', 'must not be empty'));
    if (!r.uid) out.push(invalid(`${field}.uid`, r.uid ?? '', 'must not be empty'));
    if (r.controller === true) controllers.push(`${r.kind}/${r.name}`);
  }
  if (controllers.length > 1) {
    out.push(invalid(field, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllers[0]} and ${controllers[1]}`));
  }
  return out;
}

function validateFinalizers(finalizers: unknown): Cause[] {
  const out: Cause[] = [];
  for (const f of Array.isArray(finalizers) ? finalizers : []) {
    for (const msg of labelKeyErrors(String(f))) out.push(invalid('metadata.finalizers', f, msg));
  }
  return out;
}

function validateMetaCommon(obj: KubeObject): Cause[] {
  const m = obj.metadata ?? {};
  return [
    ...nonNegative('metadata.generation', m.generation),
    ...validateLabels(m.labels, 'metadata.labels'),
    ...validateAnnotations(m.annotations, 'metadata.annotations'),
    ...validateOwnerReferences(m.ownerReferences),
    ...validateFinalizers(m.finalizers),
  ];
}

/** ValidateObjectMeta for a create. The namespace is checked only for namespaced kinds. */
export function validateObjectMeta(obj: KubeObject, rule: NameRule, namespaced: boolean): Cause[] {
  const m = obj.metadata ?? {};
  const out: Cause[] = [];
  if (!m.name) out.push(required('metadata.name', 'name or generateName is required'));
  else for (const msg of nameErrors(rule, m.name)) out.push(invalid('metadata.name', m.name, msg));
  if (namespaced) {
    if (!m.namespace) out.push(required('metadata.namespace'));
    else for (const msg of dns1123LabelErrors(m.namespace)) out.push(invalid('metadata.namespace', m.namespace, msg));
  }
  return [...out, ...validateMetaCommon(obj)];
}

/** ValidateObjectMetaUpdate: name and namespace are immutable; no new finalizers while deleting. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject): Cause[] {
  const m = obj.metadata ?? {};
  const o = old.metadata ?? {};
  const out: Cause[] = [];
  if (o.deletionTimestamp) {
    const extra = (m.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
    if (extra.length) out.push(forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goJson(extra)}`));
  }
  if ((m.name ?? '') !== (o.name ?? '')) out.push(invalid('metadata.name', m.name ?? '', 'field is immutable'));
  if ((m.namespace ?? '') !== (o.namespace ?? '')) out.push(invalid('metadata.namespace', m.namespace ?? '', 'field is immutable'));
  if (m.uid && o.uid && m.uid !== o.uid) out.push(invalid('metadata.uid', m.uid, 'field is immutable'));
  return [...out, ...validateMetaCommon(obj)];
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** ValidateLabelSelector (label values in expressions checked strictly). */
export function validateLabelSelector(selector: Obj, field: string): Cause[] {
  const out = validateLabels(selector.matchLabels, `${field}.matchLabels`);
  objects(selector.matchExpressions).forEach((e, i) => {
    const path = `${field}.matchExpressions[${i}]`;
    const values = Array.isArray(e.values) ? e.values : [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) out.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) out.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      out.push(invalid(`${path}.operator`, e.operator ?? '', 'not a valid selector operator'));
    }
    for (const msg of labelKeyErrors(String(e.key ?? ''))) out.push(invalid(`${path}.key`, e.key ?? '', msg));
    values.forEach((v, j) => {
      for (const msg of labelValueErrors(String(v))) out.push(invalid(`${path}.values[${j}]`, v, msg));
    });
  });
  return out;
}

/** Whether LabelSelectorAsSelector would accept the selector (operators known). */
export function selectorConvertible(selector: Obj): boolean {
  return objects(selector.matchExpressions).every((e) => SELECTOR_OPERATORS.includes(String(e.operator)));
}
