'use client';

// Runs lookups against GET /api/dns/lookup: one at a time (a new one cancels the one in flight),
// and the namespaces the "From namespace" select offers (GET /api/namespaces).

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DnsLookupResponse } from '../../lib/topology/dns-lookup-types.ts';
import { errorMessage, lookupUrl, readLookupResponse } from './dns-view.ts';
import { sharedGetJson } from '../shared-get.ts';

export type LookupState =
  | { status: 'idle' }
  | { status: 'loading'; name: string; from: string }
  | { status: 'done'; result: DnsLookupResponse }
  | { status: 'error'; message: string };

export function useDnsLookup(): { state: LookupState; run: (name: string, from: string) => void } {
  const [state, setState] = useState<LookupState>({ status: 'idle' });
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  const run = useCallback((name: string, from: string) => {
    inFlight.current?.abort();
    const abort = new AbortController();
    inFlight.current = abort;
    setState({ status: 'loading', name, from });
    fetch(lookupUrl(name, from), { headers: { accept: 'application/json' }, signal: abort.signal })
      .then(async (res) => {
        const json: unknown = await res.json().catch(() => null);
        if (!res.ok) throw new Error(errorMessage(json, res.status));
        const result = readLookupResponse(json);
        if (!result) throw new Error('the server answered something that is not a lookup result');
        return result;
      })
      .then((result) => { if (!abort.signal.aborted) setState({ status: 'done', result }); })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      });
  }, []);

  return { state, run };
}

/** The namespaces the dashboard may show; always includes `current`. */
export function useNamespaceNames(current: string): string[] {
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    // The same request as the namespace picker's (shared-get.ts): one per page load.
    sharedGetJson('/api/namespaces')
      .then(({ ok, json }) => {
        const list = ok ? (json as { namespaces?: unknown } | null)?.namespaces : null;
        if (!cancelled && Array.isArray(list)) setNames(list.filter((n): n is string => typeof n === 'string'));
      })
      .catch(() => {});
    return () => { cancelled = true; };
  }, []);
  const list = names ?? [];
  return list.includes(current) ? list : [current, ...list];
}
