'use client';

// The confirmation asked before a destructive action: a modal native <dialog> (role dialog,
// focus trapped, Escape cancels, focus returns to the button that asked) with a title saying
// what will happen, one sentence of consequence, and the buttons "Confirm" and "Cancel" (Cancel
// has the focus: Enter alone must not delete pods).

import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Question {
  /** e.g. "Delete pod web-1?" */
  title: string;
  /** What follows, in a learner's terms. */
  detail: string;
}

interface Pending {
  question: Question;
  resolve: (yes: boolean) => void;
}

/** `ask` resolves true on Confirm, false on Cancel/Escape (or when a newer question replaces it). */
export function useConfirmDialog(): { dialog: ReactNode; ask: (q: Question) => Promise<boolean> } {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback((question: Question) => new Promise<boolean>((resolve) => {
    setPending((old) => {
      old?.resolve(false);
      return { question, resolve };
    });
  }), []);
  const answer = useCallback((yes: boolean) => {
    setPending((p) => {
      p?.resolve(yes);
      return null;
    });
  }, []);
  const dialog = pending ? <ConfirmDialog question={pending.question} onAnswer={answer} /> : null;
  return { dialog, ask };
}

function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer: (yes: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-detail"
      onClose={(e) => onAnswer(e.currentTarget.returnValue === 'confirm')}
      className="m-auto w-[min(36rem,92vw)] rounded-xl border-[3px] border-slate-700 bg-white p-5 text-slate-950 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-300 dark:bg-slate-900 dark:text-slate-50"
    >
      <form method="dialog" className="space-y-4">
        <h2 id="confirm-title" className="text-2xl font-bold">{question.title}</h2>
        <p id="confirm-detail" className="text-lg">{question.detail}</p>
        <div className="flex justify-end gap-3">
          <button
            type="submit"
            value="cancel"
            autoFocus
            className="rounded-md border-2 border-slate-700 bg-white px-4 py-1.5 text-lg font-bold hover:bg-slate-100 focus-visible:outline-4 focus-visible:outline-sky-500 dark:border-slate-300 dark:bg-slate-900 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            value="confirm"
            className="rounded-md border-2 border-red-800 bg-red-700 px-4 py-1.5 text-lg font-bold text-white hover:bg-red-800 focus-visible:outline-4 focus-visible:outline-sky-500 dark:border-red-300 dark:bg-red-300 dark:text-red-950"
          >
            Confirm
          </button>
        </div>
      </form>
    </dialog>
  );
}
