// Go `encoding/json` compatible serialisation of plain JSON values, as `json.Marshal` writes a
// `map[string]interface{}`: map keys sorted (byte order), compact, and strings escaped the Go
// way (HTML-safe <, >, & as \u003c \u003e \u0026; U+2028/U+2029 escaped; \b \f \n \r \t short
// forms, other control characters as \u00XX; lone surrogates become U+FFFD).
//
// Why: ControllerRevision names hash these exact bytes (§3.6 of statefulset-semantics.md), so a
// revision created here gets the same name a real 1.34+ cluster would give it.
// Limit: numbers are written as JavaScript writes them, which matches Go's float64 format for
// the integers and ordinary decimals that appear in pod templates.

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** A Go-escaped JSON string literal, quotes included. */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) {
      out += short;
    } else if (code < 0x20) {
      out += hex4(code);
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else {
        out += '\ufffd';
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      out += '\ufffd';
    } else {
      out += ch;
    }
  }
  return out + '"';
}

// UTF-16 code-unit order equals UTF-8 byte order except that surrogates (code points above
// U+FFFF) must sort after U+E000–U+FFFF; this rank restores the byte order.
function utf8Rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Go sorts map keys by their UTF-8 bytes. */
function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
}

/** Serialises a JSON value like Go's json.Marshal of the equivalent interface{} value. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map((v) => goJson(v)).join(',') + ']';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareKeys(a, b));
    return '{' + entries.map(([k, v]) => goJsonString(k) + ':' + goJson(v)).join(',') + '}';
  }
  throw new Error(`json: unsupported type: ${typeof value}`);
}
