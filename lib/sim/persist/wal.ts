// The write-ahead log: one JSON line per store change, appended in resourceVersion order.
//
// Contracts:
// - A record is written with one write() of the whole line; a crash can only leave the end of
//   the file incomplete (torn). readWal() drops a torn tail and reports how many bytes are
//   valid so the caller truncates the file there before appending again.
// - Records are in strictly increasing resourceVersion order, or readWal() throws.
// - append() only hands the line to the kernel (it survives kill -9); sync() makes everything
//   appended so far survive a power loss too.

import { closeSync, existsSync, fdatasyncSync, ftruncateSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KubeObject } from '../../kube/types.ts';
import type { Change } from '../store/store.ts';
import { CorruptDataError, fsyncDir } from './durable-fs.ts';

export type WalRecord =
  | { rv: number; type: 'ADDED' | 'MODIFIED'; resource: string; object: KubeObject }
  | { rv: number; type: 'DELETED'; resource: string; namespace?: string; name: string };

export function recordOf(c: Change): WalRecord {
  if (c.type === 'DELETED') {
    return { rv: c.rv, type: 'DELETED', resource: c.resource, namespace: c.object.metadata.namespace, name: c.object.metadata.name! };
  }
  return { rv: c.rv, type: c.type, resource: c.resource, object: c.object };
}

function isRecord(v: unknown): v is WalRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  if (typeof r.rv !== 'number' || typeof r.resource !== 'string') return false;
  if (r.type === 'DELETED') return typeof r.name === 'string';
  return (r.type === 'ADDED' || r.type === 'MODIFIED') && !!r.object && typeof r.object === 'object';
}

export interface WalContents {
  records: WalRecord[];
  /** Length of the prefix made of whole, valid lines; anything after it is dropped. */
  validBytes: number;
  /** Bytes after the valid prefix (a torn write; or blocks lost to a power cut). */
  droppedBytes: number;
}

/**
 * Reads the valid prefix of a log. Everything from the first incomplete or unreadable line on
 * is dropped: a crash can only damage records that were never synced, and a sync covers every
 * earlier append, so nothing after damage was ever acknowledged either.
 */
export function readWal(path: string): WalContents {
  if (!existsSync(path)) return { records: [], validBytes: 0, droppedBytes: 0 };
  const buf = readFileSync(path);
  const records: WalRecord[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    let rec: unknown;
    try {
      rec = JSON.parse(buf.subarray(pos, nl).toString('utf8'));
    } catch {
      break;
    }
    if (!isRecord(rec)) break;
    const prev = records[records.length - 1];
    if (prev && rec.rv <= prev.rv) throw new CorruptDataError(`${path}: resourceVersion ${rec.rv} at byte ${pos} does not follow ${prev.rv}`);
    records.push(rec);
    pos = nl + 1;
  }
  return { records, validBytes: pos, droppedBytes: buf.length - pos };
}

/** An append-only log file, opened for appending after its valid prefix. */
export class WalWriter {
  private fd: number;
  private bytes: number;

  constructor(path: string, validBytes: number) {
    this.fd = openSync(path, 'a', 0o600);
    ftruncateSync(this.fd, validBytes);
    fsyncSync(this.fd);
    // The file's directory entry must be durable too, or a power cut could lose the whole log.
    fsyncDir(dirname(path));
    this.bytes = validBytes;
  }

  append(rec: WalRecord): void {
    const line = Buffer.from(`${JSON.stringify(rec)}\n`, 'utf8');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off);
    this.bytes += line.length;
  }

  sync(): void {
    fdatasyncSync(this.fd);
  }

  /** Empties the log (after a snapshot made its records redundant) and makes that durable. */
  truncate(): void {
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.bytes = 0;
  }

  size(): number {
    return this.bytes;
  }

  close(): void {
    closeSync(this.fd);
  }
}
