// Options for the namespace and StatefulSet pickers, read from the hub's JSON routes
// (GET /api/namespaces, GET /api/namespaces/{ns}/statefulsets). Tolerant of the list's envelope
// (a bare array, or an object holding one array) and of items that are names or objects with a
// `name`. Pure.

export interface PickerOption {
  name: string;
  /** Extra words after the name, e.g. "2/3 ready". */
  hint: string | null;
}

export function pickerOptions(json: unknown): PickerOption[] | null {
  const list = Array.isArray(json) ? json : firstArray(json);
  if (!list) return null;
  const out: PickerOption[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push({ name: item, hint: null });
    else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
      out.push({ name: (item as { name: string }).name, hint: hintOf(item as Record<string, unknown>) });
    }
  }
  return out;
}

function firstArray(json: unknown): unknown[] | null {
  if (!json || typeof json !== 'object') return null;
  for (const v of Object.values(json)) if (Array.isArray(v)) return v;
  return null;
}

function hintOf(item: Record<string, unknown>): string | null {
  if (typeof item.ready === 'string') return `${item.ready} ready`;
  if (typeof item.ready === 'number' && typeof item.replicas === 'number') return `${item.ready}/${item.replicas} ready`;
  if (typeof item.readyReplicas === 'number' && typeof item.replicas === 'number') return `${item.readyReplicas}/${item.replicas} ready`;
  return null;
}

/** Adds the current value when the list lacks it (not loaded yet, or not listable), keeping it selectable. */
export function withCurrent(options: readonly PickerOption[] | null, current: string): PickerOption[] {
  const list = options ?? [];
  return list.some((o) => o.name === current) ? [...list] : [{ name: current, hint: null }, ...list];
}

export function dashboardPath(namespace: string, name: string): string {
  return `/namespaces/${encodeURIComponent(namespace)}/statefulsets/${encodeURIComponent(name)}`;
}
