// One lookup's result, for a projector: the answer (or why there is none) first, then the search
// path as an ordered list (each candidate, what it got, the one that answered marked), then where
// the answers came from. Attributes for tests: data-candidate, data-rcode, data-answered on
// steps; data-dns-answer, data-dns-reason, data-dns-source.

import type { DnsLookupResponse, DnsLookupStep } from '../../lib/topology/dns-lookup-types.ts';
import { recordText, stepResult, stepTone } from './dns-view.ts';

const TONE = {
  answer: 'border-emerald-700 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-50',
  fail: 'border-red-700 bg-red-50 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50',
  unknown: 'border-slate-500 bg-slate-100 text-slate-900 dark:border-slate-400 dark:bg-slate-800 dark:text-slate-50',
} as const;

export function DnsResult({ result }: { result: DnsLookupResponse }) {
  const { answer } = result;
  return (
    <div data-dns-result data-source={result.source} className="space-y-3">
      <div className={`rounded-md border-2 px-3 py-2 ${answer ? TONE.answer : TONE.fail}`}>
        {answer ? (
          <>
            <p data-dns-answer={answer.candidate} className="text-lg font-bold">
              <span aria-hidden="true">✓ </span>Answer from <span className="break-all font-mono">{answer.candidate}</span>
            </p>
            <ul aria-label="Records" className="mt-1 space-y-0.5 font-mono text-lg font-semibold">
              {answer.records.map((r) => <li key={`${r.type} ${r.data}`} className="break-all">{recordText(r)}</li>)}
            </ul>
          </>
        ) : (
          <p data-dns-answer="" className="text-lg font-bold"><span aria-hidden="true">✕ </span>No answer: every name in the search path failed</p>
        )}
        <p data-dns-reason className="mt-1 text-base"><span className="font-bold">Why: </span>{result.reason}</p>
      </div>
      <div>
        <h3 className="text-base font-bold">Search path ({result.type} query from namespace {result.from})</h3>
        <p className="text-sm">{result.searchNote}</p>
      </div>
      <ol aria-label="Search path" className="space-y-2">
        {result.steps.map((s, i) => <Step key={s.candidate} step={s} index={i + 1} type={result.type} />)}
        {result.untried.map((c, i) => (
          <li key={c} data-candidate={c} data-untried="true" className="rounded-md border-2 border-dashed border-slate-400 px-2 py-1 text-slate-700 dark:text-slate-300">
            <span className="font-bold">{result.steps.length + i + 1}. </span>
            <span className="break-all font-mono text-base">{c}</span>
            <span className="block text-sm">not tried: the resolver stopped at the answer</span>
          </li>
        ))}
      </ol>
      <p data-dns-source={result.source} className="text-sm italic">{result.sourceNote}</p>
    </div>
  );
}

function Step({ step, index, type }: { step: DnsLookupStep; index: number; type: DnsLookupResponse['type'] }) {
  const tone = stepTone(step);
  return (
    <li data-candidate={step.candidate} data-rcode={step.rcode} data-answered={String(step.answered)} className="rounded-md border-2 border-slate-400 px-2 py-1 dark:border-slate-600">
      <div>
        <span className="font-bold">{index}. </span>
        <span className="break-all font-mono text-base font-semibold">{step.candidate}</span>
      </div>
      <div className="mt-0.5 flex flex-wrap items-center gap-2">
        <span className={`rounded border-2 px-1.5 text-sm font-bold ${TONE[tone]}`}>{stepResult(step, type)}</span>
        {step.answered && <span className="text-sm font-extrabold uppercase text-emerald-800 dark:text-emerald-300"><span aria-hidden="true">✓ </span>answered</span>}
        <span className="text-xs text-slate-700 dark:text-slate-300">{step.searchDomain ? `+ search domain ${step.searchDomain}` : 'as typed'}</span>
      </div>
      <p className="mt-0.5 text-sm">{step.reason}</p>
    </li>
  );
}
