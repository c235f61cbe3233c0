// The access-token login (STS_ACCESS_TOKEN): a plain HTML form, no script needed, that posts to
// /api/login. Without an access token configured there is nothing to log in to: go home.

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getConfig } from '../../lib/config/config.ts';
import { safeNext } from '../../lib/http/access-gate.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Log in · sts-topology' };

type Search = Promise<{ next?: string | string[]; error?: string | string[] }>;

function one(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const q = await searchParams;
  const next = safeNext(one(q.next));
  let required = true;
  try {
    required = getConfig().accessToken !== null;
  } catch {
    // A bad configuration is reported by every other route; the form still renders.
  }
  if (!required) redirect(next);
  const wrong = one(q.error) === 'wrong';
  return (
    <main className="mx-auto w-full max-w-md space-y-4 p-8 text-lg">
      <h1 className="text-2xl font-bold">sts-topology</h1>
      <p>This dashboard needs its access token (the value of <code className="font-mono">STS_ACCESS_TOKEN</code>).</p>
      {wrong && (
        <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50">
          That access token is wrong.
        </p>
      )}
      <form method="post" action="/api/login" className="space-y-3">
        <input type="hidden" name="next" value={next} />
        <label className="block">
          <span className="block font-medium">Access token</span>
          <input
            name="token"
            type="password"
            required
            autoFocus
            autoComplete="current-password"
            className="mt-1 w-full rounded-md border-2 border-slate-400 bg-white p-2 font-mono dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-4 focus-visible:ring-blue-400">
          Open the dashboard
        </button>
      </form>
    </main>
  );
}
