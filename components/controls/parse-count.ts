// What the number fields accept before anything is sent: whole numbers in range, or a sentence
// saying why not (shown next to the field, like the server's own errors). The server checks
// again; this only spares a round trip for obvious slips. Pure.

/** The replica count typed, or why it is not one. */
export function parseReplicas(text: string, max: number): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `replicas must be a whole number from 0 to ${max}`;
  const n = Number(t);
  return n > max ? `replicas must be at most ${max} (the dashboard's limit, STS_MAX_REPLICAS)` : n;
}

/** The partition typed, or why it is not one. */
export function parsePartition(text: string): number | string {
  const t = text.trim();
  return /^\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : 'partition must be a whole number, 0 or more';
}
