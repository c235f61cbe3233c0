'use client';

// What a card may ask of the page, passed by context so cards keep reading only their own data
// (and stay memoised): the value must be stable across renders (it changes once, when the
// session with the server is known).

import { createContext, useContext } from 'react';
import type { FeedbackStore } from '../controls/feedback-store.ts';

export interface NodeActions {
  /** The pod's DNS name (its FQDN) was activated: the page opens the DNS lookup panel for it. */
  dnsLookup(podId: string, dnsName: string): void;
  /** Deletes one pod (asking first when the user wants that); null when read-only: no button at all. */
  deletePod: ((podName: string) => void) | null;
  /** Where the delete button's progress and errors appear, under key `pod:<name>` (podFeedbackKey). */
  feedback: FeedbackStore | null;
}

export const podFeedbackKey = (podName: string) => `pod:${podName}`;

const noop: NodeActions = { dnsLookup: () => {}, deletePod: null, feedback: null };

export const NodeActionsContext = createContext<NodeActions>(noop);

export function useNodeActions(): NodeActions {
  return useContext(NodeActionsContext);
}
