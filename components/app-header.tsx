'use client';

// The top bar: product name, the pickers, "Read-only" when the dashboard may not change anything,
// the connection indicator (dashboard only) and the theme.

import type { ConnectionView } from './connection-view.ts';
import { ConnectionIndicator } from './connection-indicator.tsx';
import { Pickers } from './pickers.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function AppHeader(props: { namespace: string; name: string | null; connection?: ConnectionView; readOnly?: boolean }) {
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b-2 border-slate-300 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <span className="text-xl font-extrabold tracking-tight">sts-topology</span>
      <Pickers namespace={props.namespace} name={props.name} />
      <div className="ml-auto flex items-center gap-3">
        {props.readOnly && (
          <span data-testid="read-only" title="This dashboard was started read-only: it shows the cluster but changes nothing" className="rounded-md border-2 border-slate-700 bg-slate-200 px-3 py-1 text-base font-bold text-slate-950 dark:border-slate-300 dark:bg-slate-700 dark:text-slate-50">
            <span aria-hidden="true">🔒 </span>Read-only
          </span>
        )}
        {props.connection && <ConnectionIndicator view={props.connection} />}
        <ThemeToggle />
      </div>
    </header>
  );
}
