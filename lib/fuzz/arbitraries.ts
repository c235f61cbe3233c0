// Generators of bad input for the bad-input tests (fast-check): names that are not names, numbers
// that are not counts, bodies that are not objects, content types nobody asked for, and query
// parameters nobody knows. Every generator here produces input that a server must refuse (or,
// for reads, may ignore); none produces a valid change. Test-only.
//
// Runs: BAD_INPUT_RUNS (default 300 per property, what `npm test` runs) and BAD_INPUT_SEED
// (default a fixed seed; "random" for a new one each run, printed on failure by fast-check).

import fc from 'fast-check';

export function fuzzRuns(fallback = 300): number {
  const n = Number(process.env.BAD_INPUT_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function fuzzSeed(): number {
  const s = process.env.BAD_INPUT_SEED;
  if (s === 'random') return Date.now() % 2_147_483_647;
  const n = Number(s);
  return s && Number.isInteger(n) ? n : 20_260_109;
}

/** fast-check parameters for one property: fixed seed, bounded runs, no shrinking past 10 s. */
export function fuzzParams(runs = fuzzRuns()): fc.Parameters<unknown> {
  return { seed: fuzzSeed(), numRuns: runs, interruptAfterTimeLimit: 10 * 60_000, markInterruptAsFailure: true };
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A name some kind would accept (the loosest rule, DNS-1123 subdomain). */
export function isValidName(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Strings that are not Kubernetes names: traversal, encodings, unicode, control characters, length. */
export const badName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..', '.', '../etc/passwd', '..%2f..%2fetc', '%2e%2e', '%2E%2E%2F', '..\\..\\windows', '/', '//', 'a/b', '%', '%zz', '%E0%A4%A',
    '', ' ', 'WEB', 'Web-0', 'web_0', '-web', 'web-', 'web.', '.web', 'a b', 'a\tb', 'a\nb', '\u0000', 'web\u0000',
    'ñandú', '😀', 'ｗｅｂ', 'web\u200b', '\u202eweb', 'x'.repeat(64), 'y'.repeat(254), 'z'.repeat(5000), '$(rm -rf /)',
    '<script>alert(1)</script>', "'; DROP TABLE pods; --", '${jndi:ldap://x}', 'Null', '__proto__', 'a..b', 'a.-b',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
).filter((s) => !isValidName(s));

/** Bad names for a URL path segment: never empty (an empty segment names the collection instead). */
export const badSegmentName: fc.Arbitrary<string> = badName.filter((s) => s.length > 0);

/** A vitest timeout that grows with the number of runs (a real HTTP round trip each). */
export function fuzzTimeoutMs(runs = fuzzRuns()): number {
  return Math.max(60_000, runs * 60);
}

/** Values that are not a sensible count or size. */
export const badNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, -2_147_483_648, 2_147_483_648, 1e21, -0.5, 0.5, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.integer({ max: -1 }),
  fc.integer({ min: 1_000_001 }),
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  fc.constantFrom('3', '1e3', 'NaN', 'Infinity', '-Infinity', '0x10', '', ' ', 'three', true, false, null, [], {}, [3], { n: 3 }),
);

/** Not a replica count the API server accepts: negative, fractional, beyond int32, not a number. */
export const badCount: fc.Arbitrary<unknown> = badNumber.filter((v) => v !== null && !(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1));

/** The same as text, for query strings and form fields. */
export const badNumberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-1', '-0', '1.5', '1e3', '1e999', 'NaN', 'Infinity', '0x10', '', ' ', 'three', '9'.repeat(400), '2147483648', '--1', '+-3', '1_000', '٣'),
  fc.integer({ max: -1 }).map(String),
  fc.string({ maxLength: 12 }),
);

/** JSON values of every type, deep or wide, never a well-formed object of the right shape. */
export const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, true, 0, -1, '', 'x', [], [[]], '{}', JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
);

/** Request bodies as text that is not JSON, or JSON that is not an object. */
export const notAnObjectText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '}', '{"a":', '{"a":1,}', "{'a':1}", '[', '[1,2', 'nul', 'tru', '"unterminated', 'NaN', '{"a":NaN}', '\u0000', '\ufeff{}x', '[]', '[{}]', 'null', 'true', '0', '-1', '"text"', '<xml/>', 'a=1&b=2', '---\n- a\n- b', '{"__proto__":'),
  fc.string({ minLength: 1, maxLength: 200 }).filter((s) => { try { const v = JSON.parse(s); return v === null || typeof v !== 'object' || Array.isArray(v); } catch { return true; } }),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v)),
  fc.integer({ min: 2_000, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
);

export const wrongContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined, '', 'text/plain', 'text/html', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'application/json-patch+json', 'application/merge-patch+json', 'application/json; charset=utf-16',
  'application/vnd.kubernetes.protobuf', 'application/yaml', 'image/png', '*/*', 'application', ';;;', 'application/jsonx', 'json',
);

/** Query parameters nobody knows, and known ones with values that make no sense. */
export const junkQuery: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.oneof(
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 40 })),
    fc.tuple(fc.constantFrom('limit', 'timeoutSeconds', 'gracePeriodSeconds', 'replicas', 'partition', 'lastEventId', 'resourceVersion'), badNumberText),
    fc.tuple(fc.constantFrom('labelSelector', 'fieldSelector', 'continue', 'watch', 'propagationPolicy', 'dryRun', 'includeObject', 'pretty', 'namespace'), fc.string({ maxLength: 40 })),
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'a[b]', 'a.b', '', '%'), fc.string({ maxLength: 10 })),
  ),
  { maxLength: 5 },
);

export function withQuery(path: string, query: Array<[string, string]>): string {
  if (query.length === 0) return path;
  const q = new URLSearchParams();
  for (const [k, v] of query) q.append(k, v);
  return `${path}?${q.toString()}`;
}

/** A path segment as a client would put it on the wire: raw, percent-encoded, or double-encoded. */
export function asSegment(name: string, how: 'raw' | 'encoded' | 'double'): string {
  const enc = encodeURIComponent(name);
  if (how === 'encoded') return enc;
  if (how === 'double') return encodeURIComponent(enc);
  // Raw only where node's http client allows it on the request line (no spaces, controls, non-ASCII).
  return /^[\x21-\x7e]*$/.test(name) ? name : enc;
}
