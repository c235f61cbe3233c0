// Pure helpers of the DNS lookup panel: the request URL, reading the route's JSON, and the words
// each step and record is shown with.

import type { DnsLookupResponse, DnsLookupStep, DnsQueryType, DnsRecordView } from '../../lib/topology/dns-lookup-types.ts';

/** What the panel is asked to look up; `seq` makes a repeated click on the same name run again. */
export interface DnsRequest {
  name: string;
  from: string;
  seq: number;
}

/**
 * The name a pod in the set's namespace types for a pod's stable DNS name:
 * `web-0.nginx.default.svc.cluster.local` -> `web-0.nginx` (pod and Service labels).
 */
export function shortDnsName(fqdn: string): string {
  return fqdn.replace(/\.$/, '').split('.').slice(0, 2).join('.');
}

export function lookupUrl(name: string, from: string, type?: DnsQueryType): string {
  const q = new URLSearchParams({ name: name.trim(), from });
  if (type) q.set('type', type);
  return `/api/dns/lookup?${q.toString()}`;
}

/** The route's answer, when it has the shape the panel reads; null otherwise. */
export function readLookupResponse(json: unknown): DnsLookupResponse | null {
  const r = json as Partial<DnsLookupResponse> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.steps) || !Array.isArray(r.untried) || typeof r.reason !== 'string') return null;
  if (typeof r.source !== 'string' || typeof r.sourceNote !== 'string' || typeof r.name !== 'string') return null;
  return r as DnsLookupResponse;
}

/** The routes answer errors as `{ error: "..." }`. */
export function errorMessage(json: unknown, status: number): string {
  const e = json as { error?: unknown } | null;
  return typeof e?.error === 'string' ? e.error : `the lookup failed (HTTP ${status})`;
}

/** The result of one step, as the panel names it. */
export function stepResult(step: DnsLookupStep, type: DnsQueryType): string {
  if (step.answered) return `answer: ${step.records.map((r) => r.data).join(', ')}`;
  switch (step.rcode) {
    case 'NODATA': return `NODATA (the name exists, no ${type} record)`;
    case 'NOT_CHECKED': return 'not checked';
    case 'TIMEOUT': return 'no reply (timeout)';
    default: return step.rcode;
  }
}

export function recordText(r: DnsRecordView): string {
  return `${r.type} ${r.data}`;
}

/** A tone per result: answered green, failures red, unknown grey. */
export function stepTone(step: DnsLookupStep): 'answer' | 'fail' | 'unknown' {
  if (step.answered) return 'answer';
  return step.rcode === 'NOT_CHECKED' || step.rcode === 'TIMEOUT' ? 'unknown' : 'fail';
}
