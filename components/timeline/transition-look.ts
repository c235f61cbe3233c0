// How a transition looks in the timeline list, and a phase in the swimlanes: tone classes plus a
// glyph or a label, so nothing depends on colour alone. Pure.

import type { Transition } from '../../lib/stream/wire.ts';
import type { Tone } from '../status-tone.ts';
import type { LanePhase } from './transition-words.ts';

export const TRANSITION_LOOK: Record<Transition, { tone: Tone | 'action'; glyph: string }> = {
  created: { tone: 'progress', glyph: '✚' },
  scheduled: { tone: 'progress', glyph: '→' },
  'container-creating': { tone: 'progress', glyph: '◔' },
  running: { tone: 'progress', glyph: '▷' },
  ready: { tone: 'ok', glyph: '✓' },
  'not-ready': { tone: 'warn', glyph: '⚠' },
  deleted: { tone: 'terminating', glyph: '⟳' },
  gone: { tone: 'idle', glyph: '∅' },
  failed: { tone: 'bad', glyph: '✕' },
  succeeded: { tone: 'idle', glyph: '■' },
  event: { tone: 'idle', glyph: '•' },
  action: { tone: 'action', glyph: '▶' },
};

/** Short label drawn inside a swimlane bar when it is wide enough, and in the legend. */
export const PHASE_LABEL: Record<LanePhase, string> = {
  Pending: 'Pending',
  ContainerCreating: 'Creating',
  Running: 'Running',
  Ready: 'Ready',
  Terminating: 'Terminating',
  Failed: 'Failed',
  Succeeded: 'Done',
};

/**
 * SVG fill of each phase: a pattern id suffix and the classes of the pattern's background and
 * marks. Patterns (hatch, dots, cross-hatch) tell the phases apart in greyscale.
 */
export const PHASE_FILL: Record<LanePhase, { pattern: 'solid' | 'hatch' | 'dots' | 'cross'; bg: string; mark: string; text: string }> = {
  Pending: { pattern: 'hatch', bg: 'fill-amber-50 dark:fill-amber-950', mark: 'stroke-amber-700 dark:stroke-amber-400', text: 'fill-amber-950 dark:fill-amber-50' },
  ContainerCreating: { pattern: 'dots', bg: 'fill-amber-100 dark:fill-amber-900', mark: 'fill-amber-700 dark:fill-amber-300', text: 'fill-amber-950 dark:fill-amber-50' },
  Running: { pattern: 'solid', bg: 'fill-amber-300 dark:fill-amber-600', mark: '', text: 'fill-amber-950 dark:fill-amber-50' },
  Ready: { pattern: 'solid', bg: 'fill-emerald-600 dark:fill-emerald-400', mark: '', text: 'fill-white dark:fill-emerald-950' },
  Terminating: { pattern: 'cross', bg: 'fill-violet-100 dark:fill-violet-950', mark: 'stroke-violet-700 dark:stroke-violet-300', text: 'fill-violet-950 dark:fill-violet-50' },
  Failed: { pattern: 'solid', bg: 'fill-red-700 dark:fill-red-400', mark: '', text: 'fill-white dark:fill-red-950' },
  Succeeded: { pattern: 'solid', bg: 'fill-slate-300 dark:fill-slate-600', mark: '', text: 'fill-slate-950 dark:fill-slate-50' },
};
