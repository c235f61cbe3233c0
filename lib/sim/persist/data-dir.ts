// The data directory's layout, its lock (one cluster per directory) and --reset.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from './durable-fs.ts';

export interface DataDirPaths {
  dir: string;
  snapshot: string;
  wal: string;
  lock: string;
}

export function dataDirPaths(dir: string): DataDirPaths {
  return { dir, snapshot: join(dir, 'snapshot.json'), wal: join(dir, 'wal.jsonl'), lock: join(dir, 'lock') };
}

export class DataDirLockedError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(`the data directory ${dir} is in use by another embedded cluster (pid ${pid}); stop it or choose another --data-dir`);
    this.pid = pid;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the directory's lock: a file holding the owner's pid. A lock left by a process that no
 * longer runs (kill -9, a crash) is taken over. Limit: a recycled pid makes a stale lock look
 * held; the error names the pid so the user can check and remove the file.
 */
export function lockDataDir(paths: DataDirPaths): () => void {
  // Owner only: the store may hold Secrets.
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      writeFileSync(paths.lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = Number(readFileSync(paths.lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(paths.dir, pid);
    rmSync(paths.lock, { force: true });
  }
  return () => rmSync(paths.lock, { force: true });
}

/** Forgets everything stored in the directory (--reset). Call with the lock held. */
export function resetDataDir(paths: DataDirPaths): void {
  rmSync(paths.snapshot, { force: true });
  rmSync(paths.wal, { force: true });
  fsyncDir(paths.dir);
}
