// A DNS lookup as a pod in namespace `from` makes it: the search-path expansion (dns-search.ts),
// the answer each candidate gets from the cluster's objects (dns-answer.ts), the candidate that
// answered, and why the name resolves or fails, in plain words. Pure: no I/O, no clock.
//
// Contracts:
// - The resolver stops at the first candidate answering NOERROR with records (a CNAME counts);
//   NXDOMAIN, NODATA, NOT_CHECKED and errors go on to the next candidate (glibc's res_search;
//   musl stops at NODATA, which only matters for the rare names that exist without records).
// - `reason` on failure is the reason of the candidate that came closest to a record (a Service
//   found beats a namespace found beats nothing); the first such candidate on a tie.
// - The server (lib/k8s/dns-lookup.ts) runs the same steps against a real DNS server and reuses
//   summarizeLookup with these reasons.

import { answerCandidate } from './dns-answer.ts';
import type { DnsLookupResult, DnsLookupStep, DnsQueryType, DnsWorld } from './dns-lookup-types.ts';
import { dnsNameProblem, searchCandidates, searchDomains, searchNote, type Candidate } from './dns-search.ts';

export interface DnsLookupInput {
  /** As a pod would type it: `web-0.nginx`, `nginx`, `_web._tcp.nginx`, a full name, a trailing dot. */
  name: string;
  /** The namespace of the pod that asks. */
  from: string;
  /** Default: SRV for `_port._proto.` names, else A. */
  type?: DnsQueryType;
  world: DnsWorld;
}

/** A step with how close it came to a record (see dns-answer.ts), for choosing the reason. */
export interface WeightedStep extends DnsLookupStep {
  weight: number;
}

/** SRV for names that start `_port._proto.`, A otherwise. */
export function defaultQueryType(name: string): DnsQueryType {
  return /^_[^.]+\._[^.]+\./.test(name) ? 'SRV' : 'A';
}

/** The lookup computed from the objects. Throws for a name dnsNameProblem rejects (validate first). */
export function lookupDnsName(input: DnsLookupInput): DnsLookupResult {
  const name = input.name.trim();
  const problem = dnsNameProblem(name);
  if (problem) throw new Error(`invalid DNS name "${name}": ${problem}`);
  const type = input.type ?? defaultQueryType(name);
  const candidates = searchCandidates(name, input.from, input.world.clusterDomain);
  const steps: WeightedStep[] = [];
  for (const c of candidates) {
    const outcome = answerCandidate(input.world, c.fqdn, type);
    steps.push(weightedStep(c, outcome.rcode, outcome.records, outcome.reason, outcome.weight));
    if (steps[steps.length - 1].answered) break;
  }
  return summarizeLookup({ name, from: input.from, type, clusterDomain: input.world.clusterDomain }, candidates, steps);
}

export function weightedStep(c: Candidate, rcode: DnsLookupStep['rcode'], records: DnsLookupStep['records'], reason: string, weight: number): WeightedStep {
  const answered = rcode === 'NOERROR' && records.length > 0;
  return { candidate: c.fqdn, searchDomain: c.searchDomain, rcode, records, answered, reason, weight: answered ? Math.max(weight, 5) : weight };
}

export interface LookupQuery {
  name: string;
  from: string;
  type: DnsQueryType;
  clusterDomain: string;
}

/** The result from the steps taken (in candidate order, stopping at the answer). */
export function summarizeLookup(q: LookupQuery, candidates: readonly Candidate[], steps: readonly WeightedStep[]): DnsLookupResult {
  const answered = steps.find((s) => s.answered) ?? null;
  return {
    name: q.name,
    from: q.from,
    type: q.type,
    clusterDomain: q.clusterDomain,
    searchDomains: q.name.endsWith('.') ? [] : searchDomains(q.from, q.clusterDomain),
    searchNote: searchNote(q.name),
    steps: steps.map(({ weight: _w, ...s }) => s),
    untried: candidates.slice(steps.length).map((c) => c.fqdn),
    answer: answered ? { candidate: answered.candidate, records: answered.records } : null,
    reason: answered ? answered.reason : failureReason(q.name, steps),
  };
}

function failureReason(name: string, steps: readonly WeightedStep[]): string {
  let best: WeightedStep | null = null;
  for (const s of steps) if (!best || s.weight > best.weight) best = s;
  const why = best?.reason ?? 'no name was asked';
  return name.endsWith('.') ? `the trailing dot makes "${name}" absolute, so no search domain was tried; ${why}` : why;
}
