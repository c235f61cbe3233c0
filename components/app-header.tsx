'use client';

// The top bar: product name, the pickers, the connection indicator (dashboard only) and the theme.

import type { ConnectionView } from './connection-view.ts';
import { ConnectionIndicator } from './connection-indicator.tsx';
import { Pickers } from './pickers.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function AppHeader(props: { namespace: string; name: string | null; connection?: ConnectionView }) {
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b-2 border-slate-300 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <span className="text-xl font-extrabold tracking-tight">sts-topology</span>
      <Pickers namespace={props.namespace} name={props.name} />
      <div className="ml-auto flex items-center gap-3">
        {props.connection && <ConnectionIndicator view={props.connection} />}
        <ThemeToggle />
      </div>
    </header>
  );
}
