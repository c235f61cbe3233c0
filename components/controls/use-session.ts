'use client';

// The page's session with the dashboard server, fetched once on load: the CSRF token mutating
// requests carry, whether the dashboard is read-only, and the replica limit. `refresh` fetches a
// new one (the server restarted and forgot the token). Until it answers, the page shows no
// controls: read-only must never flash controls. The first fetch is usually already under way:
// the page's boot script started it (stream-boot.ts takeEarlySession).

import { useCallback, useEffect, useState } from 'react';
import { takeEarlySession } from '../stream-boot.ts';
import { type Fetcher, type Session, fetchSession } from './action-client.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: Session }
  | { status: 'failed'; message: string };

export function useSession(): { state: SessionState; refresh: () => Promise<Session | null> } {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(() => loadSession((url, init) => fetch(url, init), setState), []);

  useEffect(() => {
    let live = true;
    const early = takeEarlySession();
    void loadSession((url, init) => early ?? fetch(url, init), (s) => { if (live) setState(s); });
    return () => { live = false; };
  }, []);

  return { state, refresh };
}

/** Fetches the session and reports it ready or failed; the session, or null when it failed. */
async function loadSession(fetcher: Fetcher, report: (s: SessionState) => void): Promise<Session | null> {
  try {
    const session = await fetchSession(fetcher);
    report({ status: 'ready', session });
    return session;
  } catch (e) {
    report({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
    return null;
  }
}
