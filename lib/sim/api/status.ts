// Kubernetes `Status` objects: every error the embedded API server returns is one, with the
// reason and code a real kube-apiserver would use, so kubectl and client-node print and branch
// on them as they do against a real cluster.

import { StoreError } from '../store/store.ts';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error that the HTTP layer turns into a Status response. */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: StatusDetails;
  readonly headers?: Record<string, string>;
  constructor(code: number, reason: string, message: string, details?: StatusDetails, headers?: Record<string, string>) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.headers = headers;
  }

  toStatus(): Status {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, details: this.details, code: this.code };
  }
}

export function successStatus(details?: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

/** "pods" for the core group, "statefulsets.apps" otherwise: how errors name a resource. */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const errors = {
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  notFound: (plural: string, group: string, name: string) =>
    new ApiError(404, 'NotFound', `${qualifiedResource(plural, group)} "${name}" not found`, { name, group: group || undefined, kind: plural }),
  notFoundPath: () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}),
  alreadyExists: (plural: string, group: string, name: string) =>
    new ApiError(409, 'AlreadyExists', `${qualifiedResource(plural, group)} "${name}" already exists`, { name, group: group || undefined, kind: plural }),
  conflict: (plural: string, group: string, name: string, why: string) =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(plural, group)} "${name}": ${why}`, { name, group: group || undefined, kind: plural }),
  invalid: (kind: string, group: string, name: string, message: string, causes: StatusCause[]) =>
    new ApiError(422, 'Invalid', message, { name, group: group || undefined, kind, causes }),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') => new ApiError(405, 'MethodNotAllowed', message, {}),
  gone: (message: string) => new ApiError(410, 'Expired', message, {}),
  tooLarge: (limit: number) => new ApiError(413, 'RequestEntityTooLarge', `the request body is larger than the server accepts (${limit} bytes)`, {}),
  unsupportedMedia: (type: string) => new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got "${type}")`, {}),
  forbidden: (message: string) => new ApiError(403, 'Forbidden', message, {}),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized', {}),
  internal: (message: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {}),
};

/** Maps a store error to the Status a real API server would send for the same situation. */
export function fromStoreError(err: StoreError, plural: string, group: string, name: string): ApiError {
  switch (err.reason) {
    case 'NotFound': return errors.notFound(plural, group, name);
    case 'AlreadyExists': return errors.alreadyExists(plural, group, name);
    case 'Conflict':
      return err.message.startsWith('Precondition failed')
        ? new ApiError(409, 'Conflict', err.message, { name, group: group || undefined, kind: plural })
        : errors.conflict(plural, group, name, 'the object has been modified; please apply your changes to the latest version and try again');
    case 'Expired': return errors.gone(err.message);
    case 'Invalid': return new ApiError(422, 'Invalid', err.message, { name, kind: plural });
    case 'BadRequest': return errors.badRequest(err.message);
  }
}
