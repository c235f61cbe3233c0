'use client';

// Building blocks of the controls: buttons sized for a projector, and the feedback line under a
// control. Contract (tests and screen readers rely on it): an error is a role="alert" element
// inside the control's group, next to the button that caused it; progress and success are in a
// role="status" element there.

import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { Feedback } from './feedback-store.ts';

const BUTTON = {
  normal: 'border-slate-700 bg-white text-slate-950 hover:bg-slate-100 dark:border-slate-300 dark:bg-slate-900 dark:text-slate-50 dark:hover:bg-slate-800',
  danger: 'border-red-800 bg-white text-red-800 hover:bg-red-50 dark:border-red-300 dark:bg-slate-900 dark:text-red-200 dark:hover:bg-red-950',
} as const;

export function Button({ tone = 'normal', className = '', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: keyof typeof BUTTON }) {
  return (
    <button
      type="button"
      {...rest}
      className={`rounded-md border-2 px-3 py-1 text-base font-bold focus-visible:outline-4 focus-visible:outline-offset-1 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-50 ${BUTTON[tone]} ${className}`}
    />
  );
}

export const FIELD = 'rounded-md border-2 border-slate-600 bg-white px-2 py-1 text-base font-semibold text-slate-950 focus-visible:outline-4 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-400 dark:bg-slate-950 dark:text-slate-50';

/** A control: its widgets on one line, its feedback under them. */
export function Group({ label, feedback, children, note }: { label: string; feedback: Feedback | null; children: ReactNode; note?: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex min-w-0 max-w-[36rem] flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">{children}</div>
      {note}
      <FeedbackLine feedback={feedback} />
    </div>
  );
}

export function FeedbackLine({ feedback, compact = false }: { feedback: Feedback | null; compact?: boolean }) {
  const size = compact ? 'text-sm' : 'text-base';
  if (feedback?.kind === 'error') {
    return (
      <p role="alert" className={`rounded border-2 border-red-700 bg-red-50 px-2 py-0.5 font-semibold text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50 ${size}`}>
        <span aria-hidden="true">✕ </span>{feedback.text}
      </p>
    );
  }
  return (
    <p role="status" className={`font-semibold ${size} ${feedback?.kind === 'ok' ? 'text-emerald-800 dark:text-emerald-300' : 'text-slate-700 dark:text-slate-300'}`}>
      {feedback ? <>{feedback.kind === 'ok' ? <span aria-hidden="true">✓ </span> : null}{feedback.text}</> : null}
    </p>
  );
}
