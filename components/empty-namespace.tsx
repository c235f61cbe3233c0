// The page for a namespace without StatefulSets (or when the cluster cannot be read): says so in
// plain words and shows how to create the workshop example.

import { AppHeader } from './app-header.tsx';

export function EmptyNamespace({ namespace, error }: { namespace: string; error: string | null }) {
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader namespace={namespace} name={null} />
      <main className="mx-auto w-full max-w-3xl space-y-4 p-8 text-lg">
        {error ? (
          <>
            <h1 className="text-2xl font-bold">Cannot read StatefulSets in namespace {namespace}</h1>
            <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50">{error}</p>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-bold">No StatefulSets in namespace {namespace}</h1>
            <p>Create one and this page opens it. The classic example is an nginx StatefulSet <code className="font-mono">web</code> with a headless Service <code className="font-mono">nginx</code>:</p>
            <pre className="overflow-x-auto rounded-md border-2 border-slate-300 bg-slate-100 p-3 font-mono text-base dark:border-slate-700 dark:bg-slate-900">
              {`kubectl apply -n ${namespace} -f statefulset.yaml\nkubectl get pods -w -l app=nginx`}
            </pre>
            <p className="text-base">Reload the page once it exists, or pick another namespace above.</p>
          </>
        )}
      </main>
    </div>
  );
}
