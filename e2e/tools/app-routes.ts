// Every page and API route of the app, read from the app/ folder, with sample values for the
// dynamic segments: lets a test cover routes added later without being told about them.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const APP = resolve(import.meta.dirname, '..', '..', 'app');

export interface AppRoute {
  kind: 'page' | 'api';
  /** A concrete path, e.g. /api/namespaces/default/pods/web-0. */
  path: string;
  /** HTTP methods the route exports (pages: GET). */
  methods: string[];
}

const SAMPLE: Record<string, string> = { ns: 'default', name: 'web' };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('_')) return []; // private folders: no routes
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function concrete(segments: string[]): string {
  const out = segments.map((s, i) => {
    const m = /^\[(\w+)\]$/.exec(s);
    if (!m) return s;
    // A pod name under /pods/: a pod of the sample set.
    if (segments[i - 1] === 'pods') return 'web-0';
    return SAMPLE[m[1]] ?? 'x';
  });
  return `/${out.filter((s) => !/^\(.*\)$/.test(s)).join('/')}`.replace(/\/$/, '') || '/';
}

export function appRoutes(): AppRoute[] {
  return walk(APP).flatMap((file): AppRoute[] => {
    const rel = relative(APP, file).split(sep);
    const base = rel.pop()!;
    if (base === 'page.tsx') return [{ kind: 'page', path: concrete(rel), methods: ['GET'] }];
    if (base !== 'route.ts') return [];
    const text = readFileSync(file, 'utf8');
    const methods = [...text.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    return [{ kind: 'api', path: concrete(rel), methods }];
  });
}
