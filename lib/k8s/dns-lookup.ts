// A DNS lookup as a pod in namespace `from` would make it, answered by the best source at hand:
//   embedded-dns  the embedded cluster's DNS server (STS_DNS_SERVER, set by the launcher), over UDP;
//   cluster-dns   the cluster's DNS, when the dashboard runs in a pod (its /etc/resolv.conf);
//   computed      from Services, EndpointSlices and pods (lib/topology/dns-lookup.ts) otherwise.
// The steps, the candidate order and the reasons are the pure model's in every mode; a DNS
// server, when asked, decides each step's rcode and records.
//
// Contracts:
// - Names in namespaces the dashboard may not read (STS_NAMESPACES) are not asked in any mode
//   (NOT_CHECKED), so the lookup shows nothing of them.
// - A DNS server that does not answer the first question in time: the whole lookup is computed
//   instead, and sourceNote says so.
// - When the server and the objects disagree (one is a moment behind), the server's answer is
//   shown and the reason says that they disagree.

import type { DnsLookupResponse, DnsNamespaceObjects, DnsQueryType, DnsWorld } from '../topology/dns-lookup-types.ts';
import { answerCandidate, type CandidateOutcome } from '../topology/dns-answer.ts';
import { defaultQueryType, summarizeLookup, weightedStep, type WeightedStep } from '../topology/dns-lookup.ts';
import { namespaceOf, parseClusterName, searchCandidates, type Candidate } from '../topology/dns-search.ts';
import type { WireAnswer } from './dns-udp.ts';

export type { DnsLookupResponse, DnsLookupSource } from '../topology/dns-lookup-types.ts';

/** A DNS server to ask, one fully qualified name at a time. */
export interface DnsAsker {
  source: 'embedded-dns' | 'cluster-dns';
  /** The sourceNote when it answered. */
  note: string;
  /** What to say when it did not answer (the lookup is then computed). */
  silentNote: string;
  ask(fqdn: string, type: DnsQueryType): Promise<WireAnswer>;
}

export interface DnsLookupDeps {
  clusterDomain: string;
  /** STS_NAMESPACES, or null for every namespace. */
  allowed: readonly string[] | null;
  /** The namespaces that exist; null when they cannot be listed. */
  listNamespaces(): Promise<string[] | null>;
  /** The objects of one namespace; a string says why they could not be read. */
  readNamespace(namespace: string): Promise<DnsNamespaceObjects | string>;
  /** Namespaces holding a Service of this name (for hints; [] when unknown). */
  findService(name: string): Promise<string[]>;
  /** null: no DNS server is reachable; `computedNote` says why. */
  asker: DnsAsker | null;
  computedNote: string;
}

export interface DnsLookupQuery {
  name: string;
  from: string;
  type?: DnsQueryType;
}

export async function lookupDns(q: DnsLookupQuery, deps: DnsLookupDeps): Promise<DnsLookupResponse> {
  const name = q.name.trim();
  const type = q.type ?? defaultQueryType(name);
  const candidates = searchCandidates(name, q.from, deps.clusterDomain);
  const world = await readWorld(q.from, candidates, deps);
  let outcomes = candidates.map((c) => answerCandidate(world, c.fqdn, type));
  if (!outcomes.some((o) => o.rcode === 'NOERROR') && outcomes.some((o) => o.weight === 3)) {
    const located = await locateServices(candidates, deps);
    if (located) outcomes = candidates.map((c) => answerCandidate({ ...world, serviceLocations: located }, c.fqdn, type));
  }
  const query = { name, from: q.from, type, clusterDomain: deps.clusterDomain };
  if (deps.asker) {
    const asked = await askServer(deps.asker, candidates, outcomes, type, deps.clusterDomain);
    if (asked) return { ...summarizeLookup(query, candidates, asked), source: deps.asker.source, sourceNote: deps.asker.note };
  }
  const steps = computedSteps(candidates, outcomes);
  const note = deps.asker ? deps.asker.silentNote : deps.computedNote;
  return { ...summarizeLookup(query, candidates, steps), source: 'computed', sourceNote: note };
}

function computedSteps(candidates: readonly Candidate[], outcomes: readonly CandidateOutcome[]): WeightedStep[] {
  const steps: WeightedStep[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const o = outcomes[i];
    steps.push(weightedStep(candidates[i], o.rcode, o.records, o.reason, o.weight));
    if (steps[i].answered) break;
  }
  return steps;
}

/** Reads the namespaces the candidates name (that exist and may be read), and `from`. */
async function readWorld(from: string, candidates: readonly Candidate[], deps: DnsLookupDeps): Promise<DnsWorld> {
  const namespaces = await deps.listNamespaces();
  const wanted = new Set<string>([from]);
  for (const c of candidates) {
    const ns = namespaceOf(parseClusterName(c.fqdn, deps.clusterDomain));
    if (ns !== null && (namespaces === null || namespaces.includes(ns))) wanted.add(ns);
  }
  const objects: Record<string, DnsNamespaceObjects> = {};
  const unreadable: Record<string, string> = {};
  await Promise.all([...wanted].map(async (ns) => {
    if (deps.allowed !== null && !deps.allowed.includes(ns)) return;
    const r = await deps.readNamespace(ns);
    if (typeof r === 'string') unreadable[ns] = r;
    else objects[ns] = r;
  }));
  return { clusterDomain: deps.clusterDomain, namespaces, objects, unreadable };
}

/** For "no Service named X in namespace Y" hints: where Services of those names do exist. */
async function locateServices(candidates: readonly Candidate[], deps: DnsLookupDeps): Promise<Record<string, string[]> | null> {
  const names = new Set<string>();
  for (const c of candidates) {
    const parsed = parseClusterName(c.fqdn, deps.clusterDomain);
    if ('service' in parsed) names.add(parsed.service);
  }
  const out: Record<string, string[]> = {};
  for (const n of [...names].slice(0, 4)) {
    const found = (await deps.findService(n)).filter((ns) => deps.allowed === null || deps.allowed.includes(ns));
    if (found.length > 0) out[n] = found;
  }
  return Object.keys(out).length > 0 ? out : null;
}

const isAnswer = (rcode: string, records: readonly unknown[]) => rcode === 'NOERROR' && records.length > 0;

/** The steps as the server answers them; null when it did not answer the first question. */
async function askServer(asker: DnsAsker, candidates: readonly Candidate[], outcomes: readonly CandidateOutcome[], type: DnsQueryType, domain: string): Promise<WeightedStep[] | null> {
  const steps: WeightedStep[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const o = outcomes[i];
    // A namespace the dashboard may not read is not asked about either.
    if (o.rcode === 'NOT_CHECKED' && o.weight > 0) {
      steps.push(weightedStep(c, o.rcode, o.records, o.reason, o.weight));
      continue;
    }
    const wire = await asker.ask(c.fqdn, type);
    if (wire.rcode === 'TIMEOUT' && steps.every((s) => s.rcode === 'NOT_CHECKED')) return null;
    const step = weightedStep(c, wire.rcode, wire.records, combinedReason(c.fqdn, wire, o, asker.source, domain), o.weight);
    steps.push(step);
    if (step.answered) break;
  }
  return steps;
}

function combinedReason(fqdn: string, wire: WireAnswer, o: CandidateOutcome, source: DnsAsker['source'], domain: string): string {
  const serverSays = isAnswer(wire.rcode, wire.records);
  const objectsSay = o.rcode === 'NOERROR';
  if (serverSays && objectsSay) return o.reason;
  if (wire.rcode === 'TIMEOUT') return `the DNS server did not answer in time${wire.error ? ` (${wire.error})` : ''}`;
  if (wire.rcode === 'SERVFAIL') return `the DNS server failed to answer (${wire.error ?? 'SERVFAIL'})`;
  if (o.rcode === 'NOT_CHECKED') {
    if (wire.rcode === 'REFUSED' && source === 'embedded-dns') {
      return `${fqdn} is outside ${domain}: the embedded DNS server answers only for the cluster zone (a real cluster's DNS forwards such names upstream)`;
    }
    return serverSays ? `${fqdn} is outside ${domain}: the upstream DNS servers know it` : `${fqdn} is outside ${domain}: the upstream DNS servers do not know it (${wire.rcode})`;
  }
  if (serverSays) return `the DNS server answered, though the dashboard's copy of the objects says otherwise (${o.reason}); one of them is a moment behind`;
  if (objectsSay) return `the DNS server said ${wire.rcode}, though the dashboard's copy of the objects says it should answer (${o.reason}); one of them is a moment behind`;
  return o.reason;
}
