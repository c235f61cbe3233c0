// The frame of every mutating route (actions contract): guards (Host -> Origin -> CSRF ->
// read-only) -> input (path names, JSON body) -> the action -> the answer, with the user's
// action recorded on the set's timeline when it changes something. Routes stay one call each.

import type { z } from 'zod';
import { ConfigError, getConfig, type Config } from '../../../lib/config/config.ts';
import { checkNamespaceInput, checkObjectName, parseBody } from '../../../lib/guard/action-input.ts';
import { guardMutation } from '../../../lib/guard/mutation-guard.ts';
import type { Refusal } from '../../../lib/guard/refusal.ts';
import { toActionError } from '../../../lib/k8s/action-error.ts';
import { clusterActions, type ActionOutcome, type ClusterActions } from '../../../lib/k8s/actions.ts';
import { getClusterAccess } from '../../../lib/k8s/cluster-access.ts';
import { getHub } from '../../../lib/stream/server-hub.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** A refusal or a failed action as the contract's JSON error. */
export function refusalResponse(r: Refusal | { status: number; reason: string; error: string; field?: string }): Response {
  const body: Record<string, unknown> = { error: r.error, reason: r.reason };
  if (r.field) body.field = r.field;
  return Response.json(body, { status: r.status, headers: NO_STORE });
}

/** The configuration, or the 500 answer that names the bad variable. */
export function configOrError(): { config: Config } | { response: Response } {
  try {
    return { config: getConfig() };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { response: Response.json({ error: `the dashboard is misconfigured: ${e.message}`, reason: 'InternalError' }, { status: 500, headers: NO_STORE }) };
  }
}

export interface MutationTarget {
  namespace: string;
  /** The StatefulSet name or, with `kind: 'pod'`, the pod name. */
  name: string;
  kind?: 'statefulset' | 'pod';
}

function recordOnTimeline(namespace: string, setName: string, text: string | null): void {
  if (!text) return;
  try {
    getHub().recordAction(namespace, setName, text);
  } catch (e) {
    // The change was made; a timeline that cannot record it must not turn that into an error.
    console.error(`[timeline] could not record "${text}" for ${namespace}/${setName}:`, e);
  }
}

/** Runs one mutating route. `schema` validates the body; `optionalBody` lets it be absent. */
export async function mutation<T>(
  request: Request,
  target: MutationTarget,
  schema: z.ZodType<T> | ((config: Config) => z.ZodType<T>),
  act: (actions: ClusterActions, body: T) => Promise<ActionOutcome>,
  opts: { optionalBody?: boolean } = {},
): Promise<Response> {
  const c = configOrError();
  if ('response' in c) return c.response;
  const { config } = c;
  const refused = guardMutation(request, config)
    ?? checkNamespaceInput(target.namespace, config.namespaces)
    ?? checkObjectName(target.name, target.kind === 'pod' ? 'pod' : 'StatefulSet', target.kind === 'pod' ? 'pod' : 'name');
  if (refused) return refusalResponse(refused);
  const body = await parseBody(request, typeof schema === 'function' ? schema(config) : schema, { optional: opts.optionalBody });
  if (!body.ok) return refusalResponse(body.refusal);
  // The action goes on the timeline just before its first write, ahead of what it causes; a
  // write that then fails adds a second entry saying so.
  let announced: { setName: string; text: string } | null = null;
  const beforeWrite = (setName: string, text: string) => {
    announced = { setName, text };
    recordOnTimeline(target.namespace, setName, text);
  };
  try {
    const outcome = await act(clusterActions(getClusterAccess().kc, { beforeWrite }), body.value);
    if (!announced) recordOnTimeline(target.namespace, outcome.setName, outcome.timelineText);
    return Response.json({ ok: true, message: outcome.message }, { headers: NO_STORE });
  } catch (e) {
    const err = toActionError(e);
    const a = announced as { setName: string; text: string } | null;
    if (a) recordOnTimeline(target.namespace, a.setName, `${a.text} failed: ${err.message}`);
    return refusalResponse({ status: err.status, reason: err.reason, error: err.message, field: err.field });
  }
}
