'use client';

// Namespace and StatefulSet pickers. Choosing a StatefulSet opens its deep link; choosing a
// namespace goes to `/?namespace=…`, which redirects to that namespace's first StatefulSet (or
// says there is none). When the lists cannot be read (e.g. RBAC forbids listing namespaces), the
// current value stays selectable and the reason is shown as a tooltip.

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { type PickerOption, dashboardPath, pickerOptions, withCurrent } from './picker-options.ts';
import { sharedGetJson } from './shared-get.ts';

interface Loaded {
  url: string;
  options: PickerOption[] | null;
  error: string | null;
}

function useOptions(url: string): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let cancelled = false;
    sharedGetJson(url)
      .then(({ ok, status, json }) => {
        if (!ok) throw new Error(errorText(json) ?? `HTTP ${status}`);
        return pickerOptions(json);
      })
      .then((options) => { if (!cancelled) setLoaded({ url, options, error: null }); })
      .catch((e: unknown) => { if (!cancelled) setLoaded({ url, options: null, error: e instanceof Error ? e.message : String(e) }); });
    return () => { cancelled = true; };
  }, [url]);
  return loaded?.url === url ? loaded : null;
}

/** The routes answer errors as `{ error: "..." }`. */
function errorText(json: unknown): string | null {
  const e = json as { error?: unknown; message?: unknown } | null;
  return typeof e?.error === 'string' ? e.error : typeof e?.message === 'string' ? e.message : null;
}

const SELECT = 'rounded-md border-2 border-slate-600 bg-white px-2 py-1 text-base font-semibold text-slate-950 dark:border-slate-300 dark:bg-slate-900 dark:text-slate-50';

export function Pickers({ namespace, name }: { namespace: string; name: string | null }) {
  const router = useRouter();
  const namespaces = useOptions('/api/namespaces');
  const sets = useOptions(`/api/namespaces/${encodeURIComponent(namespace)}/statefulsets`);
  const setOptions = name === null ? sets?.options ?? [] : withCurrent(sets?.options ?? null, name);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="flex items-center gap-2 text-base">
        <span className="font-medium">Namespace</span>
        <select
          className={SELECT}
          value={namespace}
          title={namespaces?.error ? `cannot list namespaces: ${namespaces.error}` : undefined}
          onChange={(e) => router.push(`/?namespace=${encodeURIComponent(e.target.value)}`)}
        >
          {withCurrent(namespaces?.options ?? null, namespace).map((o) => <option key={o.name} value={o.name}>{o.name}</option>)}
        </select>
      </label>
      <label className="flex items-center gap-2 text-base">
        <span className="font-medium">StatefulSet</span>
        <select
          className={SELECT}
          value={name ?? ''}
          disabled={setOptions.length === 0}
          title={sets?.error ? `cannot list StatefulSets: ${sets.error}` : undefined}
          onChange={(e) => router.push(dashboardPath(namespace, e.target.value))}
        >
          {name === null && <option value="">{setOptions.length === 0 ? 'none' : 'choose…'}</option>}
          {setOptions.map((o) => <option key={o.name} value={o.name}>{o.hint ? `${o.name} (${o.hint})` : o.name}</option>)}
        </select>
      </label>
    </div>
  );
}
