'use client';

// Light/dark theme: the `dark` class on <html> (Tailwind's class-based dark variant). The choice
// is stored in localStorage under THEME_KEY; without one, the system preference applies and is
// followed live. THEME_BOOT_SCRIPT (theme-boot.ts) sets the class before first paint.

import { useSyncExternalStore } from 'react';
import { THEME_KEY } from './theme-boot.ts';

export type Theme = 'light' | 'dark';

const listeners = new Set<() => void>();

function apply(theme: Theme): void {
  document.documentElement.classList.toggle('dark', theme === 'dark');
  document.documentElement.style.colorScheme = theme;
  for (const l of listeners) l();
}

function stored(): Theme | null {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = matchMedia('(prefers-color-scheme: dark)');
  const onSystem = () => { if (stored() === null) apply(media.matches ? 'dark' : 'light'); };
  media.addEventListener('change', onSystem);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', onSystem);
  };
}

const current = (): Theme => (document.documentElement.classList.contains('dark') ? 'dark' : 'light');

export function setTheme(theme: Theme): void {
  try { localStorage.setItem(THEME_KEY, theme); } catch { /* private mode: the choice lasts for this page */ }
  apply(theme);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, current, () => 'light');
}
