'use client';

// Runs one action of a control: asks first when it is destructive (unless the user turned that
// off), sends it with the session's CSRF token, and reports "pending", the server's success
// message or its error under the control's key in the FeedbackStore. Contract: the returned
// runner keeps its identity for the page's life (pod cards get it through a context and must not
// re-render when the session or the setting changes). A CSRF refusal (the server restarted and
// forgot the token) fetches a new session and retries once.

import { useLayoutEffect, useRef, useState } from 'react';
import { type ActionRequest, type Session, sendAction } from './action-client.ts';
import type { Question } from './confirm-dialog.tsx';
import { FeedbackStore } from './feedback-store.ts';
import type { SessionState } from './use-session.ts';

export interface RunOptions {
  /** Shown while the request runs, e.g. "Scaling to 4…". */
  pending: string;
  /** Asked first for destructive actions; null for harmless ones. */
  question: Question | null;
}

export interface ActionRunner {
  feedback: FeedbackStore;
  /** Resolves true when the server accepted the action. */
  run(key: string, request: ActionRequest, options: RunOptions): Promise<boolean>;
}

interface Latest {
  session: SessionState;
  refresh: () => Promise<Session | null>;
  askFirst: boolean;
  confirm: (q: Question) => Promise<boolean>;
}

export function useActionRunner(latest: Latest): ActionRunner {
  const ref = useRef(latest);
  useLayoutEffect(() => { ref.current = latest; });
  const [runner] = useState<ActionRunner>(() => {
    const feedback = new FeedbackStore();
    return {
      feedback,
      async run(key, request, options) {
        const now = ref.current;
        if (options.question && now.askFirst && !(await now.confirm(options.question))) return false;
        const s = ref.current.session;
        if (s.status !== 'ready' || s.session.readOnly) {
          feedback.set(key, { kind: 'error', text: s.status === 'failed' ? `no session with the dashboard server: ${s.message}` : 'this dashboard is read-only' });
          return false;
        }
        feedback.set(key, { kind: 'pending', text: options.pending });
        const send = (token: string) => sendAction(request, token, (url, init) => fetch(url, init));
        let result = await send(s.session.csrfToken);
        if (!result.ok && result.reason === 'CsrfFailed') {
          const fresh = await ref.current.refresh();
          if (fresh && !fresh.readOnly) result = await send(fresh.csrfToken);
        }
        feedback.set(key, result.ok ? { kind: 'ok', text: result.message } : { kind: 'error', text: result.message });
        return result.ok;
      },
    };
  });
  return runner;
}
