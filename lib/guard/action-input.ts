// Input validation for the mutating routes (actions contract), after the guards:
// - path names: namespace a DNS-1123 label, StatefulSet and pod names DNS-1123 subdomains
//   (422, field "namespace"/"name"/"pod"); a namespace STS_NAMESPACES excludes is a 403;
// - body: JSON only (Content-Type application/json, at most 16 KiB). Not JSON, or not an
//   object: 400 BadRequest. A field missing, of the wrong type or out of range: 422 Invalid with
//   `field` (so `"replicas": "x"` is a 422, as the contract picks). Unknown fields are refused,
//   so a typo ("replica") is not silently ignored.

import { z } from 'zod';
import { isDNS1123Label, isDNS1123Subdomain } from '../kube/names.ts';
import { refuse, type Refusal } from './refusal.ts';

export const MAX_BODY_BYTES = 16 * 1024;
const INT32_MAX = 2_147_483_647;

export type Parsed<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function checkNamespaceInput(namespace: string, allowed: readonly string[] | null): Refusal | null {
  if (!isDNS1123Label(namespace)) {
    return refuse(422, 'Invalid', `invalid namespace "${namespace.slice(0, 100)}": must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)`, 'namespace');
  }
  if (allowed !== null && !allowed.includes(namespace)) {
    return refuse(403, 'Forbidden', `namespace "${namespace}" is not among the namespaces this dashboard shows (STS_NAMESPACES)`, 'namespace');
  }
  return null;
}

export function checkObjectName(value: string, what: 'StatefulSet' | 'pod', field: string): Refusal | null {
  if (isDNS1123Subdomain(value)) return null;
  return refuse(422, 'Invalid', `invalid ${what} name "${value.slice(0, 100)}": must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')`, field);
}

function wholeNumber(field: string, min: number, max: number) {
  const range = `a whole number from ${min} to ${max}`;
  return z.number({ error: (i) => `${field} must be ${range}${i.input === undefined ? '' : `, not ${JSON.stringify(i.input)}`}` })
    .int({ error: (i) => `${field} must be ${range}, not ${String(i.input)}` })
    .min(min, { error: (i) => `${field} must be ${range}, not ${String(i.input)}` })
    .max(max, { error: (i) => `${field} must be ${range}, not ${String(i.input)}` });
}

export const scaleBody = (maxReplicas: number) => z.strictObject({ replicas: wholeNumber('replicas', 0, maxReplicas) });

export const partitionBody = z.strictObject({ partition: wholeNumber('partition', 0, INT32_MAX) });

const containerName = z.string({ error: 'container must be a container name' })
  .refine((s) => s.length <= 63 && isDNS1123Label(s), { error: 'container must be a container name (a DNS-1123 label)' });
// The API server only requires an image without surrounding spaces; spaces inside are refused
// here too, as no registry reference has them.
const imageRef = z.string({ error: 'image must be an image reference such as nginx:1.25' })
  .min(1, { error: 'image must not be empty' })
  .max(4096, { error: 'image is too long' })
  .regex(/^\S+$/, { error: 'image must not contain spaces' });

export const imageBody = z.strictObject({ container: containerName, image: imageRef });

/** For the routes that take no input: `{}` (or no body at all). */
export const emptyBody = z.strictObject({});

/** Reads and validates the JSON body (see the contract above). */
export async function parseBody<T>(request: Request, schema: z.ZodType<T>, opts: { optional?: boolean } = {}): Promise<Parsed<T>> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return { ok: false, refusal: refuse(400, 'BadRequest', `the request body is larger than ${MAX_BODY_BYTES} bytes`) };
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, refusal: refuse(400, 'BadRequest', `the request body is larger than ${MAX_BODY_BYTES} bytes`) };
  let json: unknown = {};
  if (text.trim() !== '' || !opts.optional) {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, refusal: refuse(400, 'BadRequest', 'send a JSON body with Content-Type: application/json') };
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, refusal: refuse(400, 'BadRequest', 'the request body is not valid JSON') };
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, refusal: refuse(400, 'BadRequest', 'the request body must be a JSON object') };
  }
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  // An unknown field first: for {"replica": 3} that is the typo, not the missing "replicas".
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? '');
  const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  return { ok: false, refusal: refuse(422, 'Invalid', message, field || undefined) };
}
