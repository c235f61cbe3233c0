// Structural sharing of a keyed list, for the browser's render economy (React memo by identity).
// Pure. Contract: each item of `next` that `same` finds equal to prev's item with its id is
// replaced by prev's object; the result is `prev` itself when every item ends up prev's, in order.
// Items usually keep their place, so the id index of prev is only built when one did not.

export function shareById<T extends { id: string }>(prev: T[], next: T[], same: (a: T, b: T) => boolean): T[] {
  if (prev === next) return prev;
  let before: Map<string, T> | null = null;
  let unchanged = prev.length === next.length;
  const out = next.map((x, i) => {
    let old: T | undefined = prev[i];
    if (old !== x && old?.id !== x.id) {
      before ??= new Map(prev.map((p) => [p.id, p]));
      old = before.get(x.id);
    }
    const kept = old !== undefined && (old === x || same(old, x)) ? old : x;
    if (kept !== prev[i]) unchanged = false;
    return kept;
  });
  return unchanged ? prev : out;
}
