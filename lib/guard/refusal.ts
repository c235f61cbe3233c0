// What a guard answers instead of letting a request through: the JSON error of the actions
// contract ({ error, reason, field? }) with its HTTP status.

export type RefusalReason =
  | 'HostNotAllowed' | 'OriginNotAllowed' | 'CsrfFailed' | 'ReadOnly' | 'Unauthorized'
  | 'BadRequest' | 'Invalid' | 'Forbidden';

export interface Refusal {
  status: number;
  reason: RefusalReason;
  error: string;
  field?: string;
}

export function refuse(status: number, reason: RefusalReason, error: string, field?: string): Refusal {
  return field === undefined ? { status, reason, error } : { status, reason, error, field };
}
