// Structural sharing of a keyed list, for the browser's render economy (React memo by identity).
// Pure. Contract: each item of `next` that `same` finds equal to prev's item with its id is
// replaced by prev's object; the result is `prev` itself when every item ends up prev's, in order.

export function shareById<T extends { id: string }>(prev: T[], next: T[], same: (a: T, b: T) => boolean): T[] {
  if (prev === next) return prev;
  const before = new Map(prev.map((x) => [x.id, x]));
  let unchanged = prev.length === next.length;
  const out = next.map((x, i) => {
    const old = before.get(x.id);
    const kept = old !== undefined && (old === x || same(old, x)) ? old : x;
    if (kept !== prev[i]) unchanged = false;
    return kept;
  });
  return unchanged ? prev : out;
}
