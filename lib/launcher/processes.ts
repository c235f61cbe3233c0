// Child processes for the launcher: output is passed through with a prefix and can be awaited
// line by line (e.g. for the cluster's "kubeconfig:" line).

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface LineWaiter {
  waitFor(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

export function startChild(cmd: string, args: string[], label: string, opts: SpawnOptions = {}): { child: ChildProcess; lines: LineWaiter } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const seen: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  const onLine = (line: string, err: boolean) => {
    (err ? process.stderr : process.stdout).write(`[${label}] ${line}\n`);
    seen.push(line);
    for (const w of [...waiters]) {
      const m = line.match(w.re);
      if (m) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
    }
  };
  createInterface({ input: child.stdout! }).on('line', (l) => onLine(l, false));
  createInterface({ input: child.stderr! }).on('line', (l) => onLine(l, true));
  const lines: LineWaiter = {
    waitFor: (re, timeoutMs) => new Promise((resolve, reject) => {
      for (const l of seen) { const m = l.match(re); if (m) return resolve(m); }
      const t = setTimeout(() => reject(new Error(`${label} did not print ${re} within ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before printing ${re}`)));
      waiters.push({ re, resolve: (m) => { clearTimeout(t); resolve(m); } });
    }),
  };
  return { child, lines };
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
