'use client';

// What a card may ask of the page, passed by context so cards keep reading only their own data
// (and stay memoised): the value must be stable across renders.

import { createContext, useContext } from 'react';

export interface NodeActions {
  /** The pod's DNS name was activated. For now the page selects the pod; the DNS lookup panel comes later. */
  dnsLookup(podId: string, dnsName: string): void;
}

const noop: NodeActions = { dnsLookup: () => {} };

export const NodeActionsContext = createContext<NodeActions>(noop);

export function useNodeActions(): NodeActions {
  return useContext(NodeActionsContext);
}
