// Where the process-wide hub lives (globalThis), apart from server-hub.ts so that code which only
// needs to find an existing hub (metrics, shutdown in instrumentation.ts) does not load the
// cluster client (@kubernetes/client-node) to do so.

import type { Hub } from './hub.ts';

export const HUB_KEY = Symbol.for('sts-topology.hub');

export type HubSlot = { [HUB_KEY]?: Hub };

/** The hub if one was made, without making one. */
export function peekHub(): Hub | undefined {
  return (globalThis as HubSlot)[HUB_KEY];
}
