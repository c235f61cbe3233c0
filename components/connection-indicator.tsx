'use client';

// The connection indicator. Contract (tests and screen readers rely on it): an element with role
// "status" and accessible name "Connection" whose text is exactly "Live", "Reconnecting…",
// "Stale since hh:mm:ss" or "Connecting…", with data-state = live | reconnecting | stale | connecting.

import type { ConnectionView } from './connection-view.ts';

const STYLE: Record<ConnectionView['state'], { dot: string; glyph: string }> = {
  live: { dot: 'border-emerald-700 bg-emerald-100 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-50', glyph: '●' },
  connecting: { dot: 'border-slate-600 bg-slate-100 text-slate-950 dark:border-slate-300 dark:bg-slate-800 dark:text-slate-50', glyph: '◌' },
  reconnecting: { dot: 'border-amber-600 bg-amber-100 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50', glyph: '⟳' },
  stale: { dot: 'border-red-700 bg-red-100 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50', glyph: '⚠' },
};

export function ConnectionIndicator({ view }: { view: ConnectionView }) {
  const s = STYLE[view.state];
  return (
    <div className={`flex items-center gap-2 rounded-md border-2 px-3 py-1 text-base font-bold ${s.dot}`} title={view.detail ?? undefined}>
      <span aria-hidden="true">{s.glyph}</span>
      <span role="status" aria-label="Connection" data-state={view.state} data-since={view.since ?? undefined}>{view.text}</span>
    </div>
  );
}
