// An action refused or failed, with the HTTP status, reason and message the route answers
// (actions contract: { error, reason, field? }). Cluster failures are turned into one with
// describeClusterError (errors.ts); refusals decided here carry their own.

import { describeClusterError } from './errors.ts';

export class ActionError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly field: string | undefined;

  constructor(status: number, reason: string, message: string, opts: { field?: string } = {}) {
    super(message);
    this.name = 'ActionError';
    this.status = status;
    this.reason = reason;
    this.field = opts.field;
  }
}

/** Any failure as an ActionError: kept as is, or described from the cluster's answer. */
export function toActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e;
  const info = describeClusterError(e);
  return new ActionError(info.status, info.reason, info.message);
}

/** The cluster's 404 for the object the action is about, in the user's words; other errors unchanged. */
export async function orNotFound<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as { code?: unknown })?.code === 404) throw new ActionError(404, 'NotFound', `${what} not found`);
    throw e;
  }
}
