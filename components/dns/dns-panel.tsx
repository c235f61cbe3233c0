'use client';

// The DNS lookup panel (region "DNS lookup"): a name as a pod would type it (`web-0.nginx`), the
// namespace of that pod, and the result of GET /api/dns/lookup step by step (dns-result.tsx).
// Contract: a new `request` (new seq) fills the form, runs the lookup and scrolls the panel
// into view; that is how a pod card's DNS name opens it.

import dynamic from 'next/dynamic';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { DnsRequest } from './dns-view.ts';
import { useDnsLookup, useNamespaceNames } from './use-dns-lookup.ts';

// The result view is not part of the page's first load (issue 8): a lookup starts loading it
// alongside the request, so it is normally there before the answer is.
const loadResultView = () => import('./dns-result.tsx');
const DnsResult = dynamic(() => loadResultView().then((m) => m.DnsResult), { ssr: false });

const FIELD = 'rounded-md border-2 border-slate-600 bg-white px-2 py-1 text-lg font-semibold text-slate-950 focus-visible:outline-4 focus-visible:outline-sky-500 dark:border-slate-400 dark:bg-slate-950 dark:text-slate-50';

export function DnsPanel({ namespace, request }: { namespace: string; request: DnsRequest | null }) {
  const [name, setName] = useState('');
  const [from, setFrom] = useState(namespace);
  const [seenSeq, setSeenSeq] = useState<number | null>(null);
  const namespaces = useNamespaceNames(from);
  const { state, run: runLookup } = useDnsLookup();
  const run = useCallback((lookupName: string, lookupFrom: string) => {
    loadResultView().catch(() => {});
    runLookup(lookupName, lookupFrom);
  }, [runLookup]);
  const section = useRef<HTMLElement>(null);
  const ids = useId();

  // A request from a pod card replaces what the form holds (adjusting state while rendering).
  if (request && request.seq !== seenSeq) {
    setSeenSeq(request.seq);
    setName(request.name);
    setFrom(request.from);
  }
  useEffect(() => {
    if (!request) return;
    run(request.name, request.from);
    section.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [request, run]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() !== '') run(name.trim(), from);
  };

  return (
    <section ref={section} aria-label="DNS lookup" className="scroll-mt-2 space-y-3">
      <h2 className="text-lg font-bold">DNS lookup</h2>
      <p className="text-base">What <code className="font-mono font-semibold">nslookup</code> answers in a pod of the chosen namespace.</p>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-[12rem] flex-1 flex-col gap-0.5">
          <label htmlFor={`${ids}-name`} className="text-base font-medium">Name</label>
          <input
            id={`${ids}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="web-0.nginx"
            spellCheck={false} autoCapitalize="off" autoComplete="off" maxLength={254} className={`${FIELD} font-mono`}
          />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${ids}-from`} className="text-base font-medium">From namespace</label>
          <select id={`${ids}-from`} value={from} onChange={(e) => setFrom(e.target.value)} className={FIELD}>
            {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
        <button
          type="submit" disabled={name.trim() === ''}
          className="rounded-md border-2 border-sky-800 bg-sky-700 px-3 py-1 text-lg font-bold text-white hover:bg-sky-800 focus-visible:outline-4 focus-visible:outline-offset-1 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-sky-300"
        >
          Look up
        </button>
      </form>
      {state.status === 'loading' && <p role="status" className="text-base font-semibold">Looking up {state.name} from {state.from}…</p>}
      {state.status === 'error' && (
        <p role="alert" className="rounded border-2 border-red-700 bg-red-50 px-2 py-1 text-base font-semibold text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50">
          <span aria-hidden="true">✕ </span>{state.message}
        </p>
      )}
      {state.status === 'done' && <DnsResult result={state.result} />}
    </section>
  );
}
