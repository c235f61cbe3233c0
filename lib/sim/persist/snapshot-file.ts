// The snapshot file: the whole store at one resourceVersion. After writeSnapshot() returns the
// new snapshot is on disk durably; a crash at any moment leaves the old one or the new one.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { StoreSnapshot } from '../store/store.ts';
import { CorruptDataError, tempPathFor, writeFileAtomic } from './durable-fs.ts';

const FORMAT = 'sts-topology-snapshot/1';

export function writeSnapshot(path: string, snap: StoreSnapshot): void {
  writeFileAtomic(path, JSON.stringify({ format: FORMAT, rv: snap.rv, objects: snap.objects }));
}

/** The snapshot at path, or an empty one at rv 0 if there is none. Leftover temp files are removed. */
export function readSnapshot(path: string): StoreSnapshot {
  rmSync(tempPathFor(path), { force: true });
  if (!existsSync(path)) return { rv: 0, objects: [] };
  let doc: { format?: unknown; rv?: unknown; objects?: unknown };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CorruptDataError(`${path} cannot be read as a snapshot: ${(e as Error).message}`);
  }
  if (doc?.format !== FORMAT || typeof doc.rv !== 'number' || !Array.isArray(doc.objects)) {
    throw new CorruptDataError(`${path} is not a snapshot this version understands (format ${JSON.stringify(doc?.format)})`);
  }
  return { rv: doc.rv, objects: doc.objects as StoreSnapshot['objects'] };
}
