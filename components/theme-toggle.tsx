'use client';

import { setTheme, useTheme } from './theme-store.ts';

export function ThemeToggle() {
  const theme = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      onClick={() => setTheme(next)}
      aria-label={`Switch to ${next} theme`}
      className="rounded-md border-2 border-slate-600 px-3 py-1 text-base font-semibold hover:bg-slate-200 dark:border-slate-300 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'} </span>{next === 'dark' ? 'Dark' : 'Light'}
    </button>
  );
}
