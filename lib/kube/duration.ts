// Ages as kubectl prints them: k8s.io/apimachinery/pkg/util/duration.HumanDuration and the
// printers' translateTimestampSince. Pure; shared by the embedded cluster's Table output and the
// dashboard, so both show the same "5m10s" for the same pair of instants.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * `HumanDuration` for a duration in milliseconds: about 2-3 significant figures
 * (`45s`, `3m10s`, `70m`, `5h20m`, `47h`, `2d1h`, `90d`, `2y1d`, `9y`).
 * Up to 2 s in the future (exclusive) counts as "now" (`0s`), to tolerate clock skew;
 * further in the future is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  // Go truncates toward zero: -1.9 s is -1 s and prints 0s; -2 s prints <invalid>.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${years}y`;
}

// Go's zero time.Time, which metav1.Time serialises when a timestamp was never set.
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/**
 * Milliseconds since the epoch of an RFC 3339 timestamp (metav1.Time or MicroTime), or
 * undefined for a missing, unparseable or Go-zero one ("IsZero" in the printers).
 */
export function parseKubeTime(iso: string | undefined | null): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t <= GO_ZERO_TIME) return undefined;
  return t;
}

/** `translateTimestampSince`: the age of a timestamp at `now`, `<unknown>` when it is unset. */
export function translateTimestampSince(iso: string | undefined | null, now: number): string {
  const t = parseKubeTime(iso);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
