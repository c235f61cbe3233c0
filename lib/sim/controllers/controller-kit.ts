// Small pieces every simulated controller in this folder shares: a synchronous, deterministic
// work queue, Kubernetes time formats, type metadata for store objects, and delay scaling.

import type { KubeObject } from '../../kube/types.ts';
import { apiVersionOf, RESOURCES } from '../resources.ts';

/** Pace of the simulation: N divides every delay; 'instant' makes lifecycle delays zero. */
export type Speed = number | 'instant';

/** Scales a base delay (ms at speed 1) to the configured speed. */
export function scaleDelay(ms: number, speed: Speed | undefined): number {
  if (speed === 'instant') return 0;
  const s = speed && speed > 0 ? speed : 1;
  return Math.max(0, Math.round(ms / s));
}

/** RFC3339 with whole seconds, as metav1.Time serialises. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC3339Nano as Go prints it: fractional seconds with trailing zeros trimmed. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, frac: string) => {
    const f = frac.replace(/0+$/, '');
    return f ? `.${f}Z` : 'Z';
  });
}

/**
 * Returns obj with apiVersion/kind filled in from the resource table when missing (objects
 * created in tests or by older code may lack them; ownerRefs and events need them).
 */
export function typed(resourceKey: string, obj: KubeObject): KubeObject {
  if (obj.apiVersion && obj.kind) return obj;
  const def = RESOURCES.find((r) => r.key === resourceKey);
  if (!def) return obj;
  return { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(def), kind: obj.kind ?? def.kind };
}

/** `namespace/name` (or `name` for cluster-scoped objects). */
export function keyOf(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** Deep equality for JSON-shaped values (key order matters, as it does for our own builders). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The part of the store a queue needs to wait for the end of the current dispatch. */
export interface DispatchSettler {
  afterDispatch(fn: () => void): void;
}

/**
 * A set of keys processed synchronously, one at a time, in insertion order. add() from inside
 * process() (directly, or through a store listener that a write triggers) only queues the key;
 * the outer drain picks it up. This keeps controllers deterministic under a ManualClock and
 * free of microtasks. A runaway loop (a sync that never converges) is cut off and reported.
 *
 * With a store, keys added while the store dispatches changes wait until every queued change has
 * been delivered (store.afterDispatch), still inside the write that started it: like a
 * workqueue's dedup, a burst of N changes for one key costs one process(), not N.
 */
export class KeyQueue {
  private readonly keys = new Set<string>();
  private draining = false;
  private stopped = false;
  private readonly process: (key: string) => void;
  private readonly name: string;
  private readonly settler: DispatchSettler | undefined;
  private readonly drainNow = () => this.drain();

  constructor(name: string, process: (key: string) => void, settler?: DispatchSettler) {
    this.name = name;
    this.process = process;
    this.settler = settler;
  }

  add(key: string): void {
    if (this.stopped) return;
    this.keys.add(key);
    if (this.draining) return;
    if (this.settler) this.settler.afterDispatch(this.drainNow);
    else this.drain();
  }

  stop(): void {
    this.stopped = true;
    this.keys.clear();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    let steps = 0;
    try {
      while (this.keys.size && !this.stopped) {
        const key = this.keys.values().next().value as string;
        this.keys.delete(key);
        if (++steps > 100_000) {
          console.error(`[${this.name}] work queue did not converge; dropping ${this.keys.size + 1} keys`);
          this.keys.clear();
          break;
        }
        try {
          this.process(key);
        } catch (err) {
          console.error(`[${this.name}] sync ${key} failed:`, err);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
