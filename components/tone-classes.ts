// Tailwind classes per tone, light and dark, chosen for contrast on a projector (strong borders,
// dark text on pale fills). Colour only reinforces the glyph and the words; it never carries
// meaning alone.

import type { Tone } from './status-tone.ts';

/** Card frame: border and fill. */
export const CARD_TONE: Record<Tone, string> = {
  ok: 'border-emerald-700 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950',
  progress: 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950',
  bad: 'border-red-700 bg-red-50 dark:border-red-400 dark:bg-red-950',
  terminating: 'border-violet-700 bg-violet-50 dark:border-violet-400 dark:bg-violet-950',
  idle: 'border-dashed border-slate-500 bg-white dark:border-slate-400 dark:bg-slate-900',
  warn: 'border-orange-700 bg-orange-50 dark:border-orange-400 dark:bg-orange-950',
};

/** Status pill: text colour on a solid-ish background. */
export const PILL_TONE: Record<Tone, string> = {
  ok: 'bg-emerald-700 text-white dark:bg-emerald-300 dark:text-emerald-950',
  progress: 'bg-amber-300 text-amber-950 dark:bg-amber-300 dark:text-amber-950',
  bad: 'bg-red-700 text-white dark:bg-red-300 dark:text-red-950',
  terminating: 'bg-violet-700 text-white dark:bg-violet-300 dark:text-violet-950',
  idle: 'bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100',
  warn: 'bg-orange-300 text-orange-950 dark:bg-orange-300 dark:text-orange-950',
};
