// Crash durability with a real process: a durable API server in a child process is killed with
// SIGKILL while writes are in flight, then started again on the same directory. Every write a
// client saw acknowledged must be there with the resourceVersion it was acknowledged with, and
// later writes must get larger resourceVersions. Twenty rounds in a row, on one directory.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = resolve(import.meta.dirname, 'testdata/durable-child.ts');
const work = mkdtempSync(join(tmpdir(), 'sts-kill9-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Child { proc: ChildProcess; url: string; restoredRV: number }

function startChild(dir: string): Promise<Child> {
  return new Promise((res, rej) => {
    const proc = spawn(process.execPath, [CHILD, dir, '15'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_COMPILE_CACHE: join(work, 'compile-cache') },
    });
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d) => { err += d; });
    proc.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) res({ proc, ...(JSON.parse(out.slice(0, nl)) as { url: string; restoredRV: number }) });
    });
    proc.on('exit', (code) => rej(new Error(`the child exited (${code}) before listening:\n${err}`)));
  });
}

function kill9(c: Child): Promise<void> {
  return new Promise((res) => {
    c.proc.removeAllListeners('exit');
    c.proc.once('exit', () => res());
    c.proc.kill('SIGKILL');
  });
}

/** What the client knows about one ConfigMap: acknowledged state, and an operation whose answer never came. */
interface Known { rv?: string; gone?: boolean; inFlight?: 'create' | 'update' | 'delete' }

const cmPath = '/api/v1/namespaces/default/configmaps';

async function send(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; rv?: string }> {
  const r = await fetch(url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await r.json()) as { metadata?: { resourceVersion?: string } };
  return { status: r.status, rv: json.metadata?.resourceVersion };
}

/** One writer: creates, updates and deletes its own ConfigMaps until the server dies. */
async function writer(url: string, prefix: string, known: Map<string, Known>, acked: number[]): Promise<void> {
  for (let i = 0; ; i++) {
    const name = `${prefix}-${i}`;
    const ops: Array<[Known['inFlight'], string, string, unknown]> = [['create', 'POST', cmPath, { metadata: { name }, data: { v: '0' } }]];
    if (i % 2 === 0) ops.push(['update', 'PUT', `${cmPath}/${name}`, { metadata: { name }, data: { v: '1' } }]);
    if (i % 3 === 0) ops.push(['delete', 'DELETE', `${cmPath}/${name}`, undefined]);
    for (const [op, method, path, body] of ops) {
      const k = known.get(name) ?? {};
      known.set(name, { ...k, inFlight: op });
      let r;
      try {
        r = await send(url, method, path, body);
      } catch {
        return;
      }
      if (r.status >= 300) throw new Error(`${method} ${name}: HTTP ${r.status}`);
      known.set(name, op === 'delete' ? { gone: true } : { rv: r.rv });
      acked.push(Number(r.rv));
    }
  }
}

/** Checks the restarted server against what clients knew, then records what it now holds. */
async function verify(url: string, known: Map<string, Known>): Promise<void> {
  const list = (await (await fetch(url + cmPath)).json()) as { items: Array<{ metadata: { name: string; resourceVersion: string } }> };
  const stored = new Map(list.items.map((o) => [o.metadata.name, o.metadata.resourceVersion]));
  for (const [name, k] of known) {
    const rv = stored.get(name);
    if (!k.inFlight) expect({ name, rv }).toEqual({ name, rv: k.gone ? undefined : k.rv });
    else if (k.inFlight === 'update') expect(Number(rv)).toBeGreaterThanOrEqual(Number(k.rv));
    else if (k.inFlight === 'delete' && rv !== undefined) expect({ name, rv }).toEqual({ name, rv: k.rv });
    known.set(name, rv === undefined ? { gone: true } : { rv });
  }
}

describe('kill -9 while writes are in flight', () => {
  it('keeps every acknowledged write, with its resourceVersion, across 20 crashes', async () => {
    const dir = join(work, 'data');
    const known = new Map<string, Known>();
    let maxAcked = 0;
    let interrupted = 0;
    let child = await startChild(dir);
    for (let round = 0; round < 20; round++) {
      expect(child.restoredRV).toBeGreaterThanOrEqual(maxAcked);
      await verify(child.url, known);
      const acked: number[] = [];
      let settled = false;
      const writers = Promise.all(Array.from({ length: 6 }, (_, w) => writer(child.url, `r${round}-w${w}`, known, acked)))
        .finally(() => { settled = true; });
      // Kill once writes flow, at a random point among them.
      while (acked.length < 6 && !settled) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, Math.random() * 60));
      await kill9(child);
      await writers;
      expect(acked.length).toBeGreaterThanOrEqual(6);
      expect(Math.min(...acked)).toBeGreaterThan(maxAcked);
      maxAcked = Math.max(maxAcked, ...acked);
      interrupted += [...known.values()].filter((k) => k.inFlight).length;
      child = await startChild(dir);
    }
    await verify(child.url, known);
    await kill9(child);
    // Every round killed the server with requests on the wire, or the test proves nothing.
    expect(interrupted).toBeGreaterThanOrEqual(20);
  }, 90_000);
});
