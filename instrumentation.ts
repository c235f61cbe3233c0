// Next.js calls register() once when the server starts. Node.js runtime only: the request log,
// graceful shutdown on SIGTERM and the start-up line (lib/ops/server-hooks.ts). Imported lazily
// so nothing of it is evaluated for another runtime.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installServerHooks } = await import('./lib/ops/server-hooks.ts');
  installServerHooks();
}
