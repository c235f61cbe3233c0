'use client';

// Everything the page needs to act on the cluster, in one hook: the session (read-only or not),
// the confirmation setting and dialog, the action runner with its per-control feedback, and the
// stable NodeActions the graph's cards use. Contract: `canAct` is false until the session says
// the dashboard may change things; then (and only then) controls and delete buttons render.

import { type ReactNode, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { StatefulSetInfo } from '../../lib/topology/types.ts';
import { type NodeActions, podFeedbackKey } from '../graph/node-actions.ts';
import { actionRequests } from './action-client.ts';
import { useConfirmDialog } from './confirm-dialog.tsx';
import { deletePodQuestion } from './questions.ts';
import { type ActionRunner, useActionRunner } from './use-action-runner.ts';
import { useAskBeforeDestructive } from './use-ask-setting.ts';
import { type SessionState, useSession } from './use-session.ts';

export interface DashboardActions {
  session: SessionState;
  canAct: boolean;
  readOnly: boolean;
  maxReplicas: number;
  runner: ActionRunner;
  askFirst: boolean;
  setAskFirst: (ask: boolean) => void;
  /** The confirmation dialog, when one is open; render it anywhere. */
  dialog: ReactNode;
  nodeActions: NodeActions;
}

export function useDashboardActions(namespace: string, sts: StatefulSetInfo | null, onDnsLookup: NodeActions['dnsLookup']): DashboardActions {
  const { state: session, refresh } = useSession();
  const [askFirst, setAskFirst] = useAskBeforeDestructive();
  const { dialog, ask } = useConfirmDialog();
  const runner = useActionRunner({ session, refresh, askFirst, confirm: ask });
  const readOnly = session.status === 'ready' && session.session.readOnly;
  const canAct = session.status === 'ready' && !readOnly;

  // The question names the set's current facts, read when asked, so cards need not re-render.
  const stsRef = useRef(sts);
  useLayoutEffect(() => { stsRef.current = sts; });
  const deletePod = useCallback((pod: string) => {
    const s = stsRef.current;
    const question = s ? deletePodQuestion(s, pod) : { title: `Delete pod ${pod}?`, detail: 'The StatefulSet controller recreates it with the same name.' };
    void runner.run(podFeedbackKey(pod), actionRequests.deletePod(namespace, pod), { pending: `Deleting ${pod}…`, question });
  }, [runner, namespace]);

  const nodeActions = useMemo<NodeActions>(() => ({
    dnsLookup: onDnsLookup,
    deletePod: canAct ? deletePod : null,
    feedback: canAct ? runner.feedback : null,
  }), [onDnsLookup, canAct, deletePod, runner]);

  return {
    session,
    canAct,
    readOnly,
    maxReplicas: session.status === 'ready' ? session.session.maxReplicas : 0,
    runner,
    askFirst,
    setAskFirst,
    dialog,
    nodeActions,
  };
}
