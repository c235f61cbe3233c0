// The shape every kind's printer shares, and the small formatting helpers of upstream
// pkg/printers/internalversion/printers.go (FormatLabels, layoutContainerCells, "+ N more...").
// A printer always produces the wide cells: a real kube-apiserver generates Tables with
// Wide: true and lets kubectl hide the priority-1 columns unless `-o wide`.

import type { KubeObject } from '../../../kube/types.ts';
import { translateTimestampSince } from '../../../kube/duration.ts';
import { CREATION_TIMESTAMP, OBJECT_NAME } from './descriptions.ts';

/** meta.k8s.io/v1 TableColumnDefinition; every field is always serialised. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** Cells are JSON scalars; Go int64 cells (counts, revisions) stay numbers. */
export type Cell = string | number | boolean;

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

export interface Printer {
  columns: ColumnDefinition[];
  print(obj: KubeObject, now: number): PrintedRow;
}

export function column(name: string, description: string, opts: { type?: string; format?: string; priority?: number } = {}): ColumnDefinition {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

export const wide = (name: string, description: string): ColumnDefinition => column(name, description, { priority: 1 });
export const nameColumn = column('Name', OBJECT_NAME, { format: 'name' });
export const ageColumn = column('Age', CREATION_TIMESTAMP);

export const nameOf = (obj: KubeObject): string => obj.metadata.name ?? '';
export const ageOf = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata.creationTimestamp, now);

/** labels.FormatLabels: "k=v" pairs sorted by key, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** layoutContainerCells: container names and images, each comma-joined. */
export function layoutContainers(containers: Array<{ name?: string; image?: string }> | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/**
 * listWithMoreString: at most `max` entries comma-joined, then " + N more..." for the rest;
 * `<unset>` when there is nothing.
 */
export function listWithMore(all: string[], max = 3): string {
  const shown = all.slice(0, max).join(',');
  if (all.length > max) return `${shown} + ${all.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** Fields of a kind's spec/status, read loosely: stored objects are whatever clients sent. */
export function part<T>(obj: KubeObject, key: 'spec' | 'status'): Partial<T> {
  return (obj[key] ?? {}) as Partial<T>;
}
