// One browser's view of a StatefulSet stream: a bounded queue between the hub (which pushes
// every message as it happens) and the SSE response (which pulls when the client can take more).
// Backpressure: when the queue is full the subscriber drops it and owes a fresh snapshot
// instead (RESYNC), so a slow or stalled client costs a bounded amount of memory. The snapshot
// is built only when the client pulls it, from the state as it is then, so messages that arrive
// meanwhile are already part of it and are dropped (status changes excepted: the newest one
// is kept, so a client still waiting for the first sync learns why).

import type { SseSource } from './sse.ts';
import type { WireMessage } from './messages.ts';

const RESYNC = Symbol('resync');
type Entry = WireMessage | typeof RESYNC;

export interface SubscriberOptions {
  /** Queue bound (messages). */
  limit: number;
  /** The messages that replace a pending RESYNC (a snapshot, or `gone`); null while unknown. */
  materialize: () => WireMessage[] | null;
  onClose: (s: Subscriber) => void;
}

export class Subscriber implements SseSource {
  private queue: Entry[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;
  private readonly o: SubscriberOptions;
  /** How many times this subscriber fell behind and was dropped to a snapshot. */
  resyncs = 0;

  constructor(opts: SubscriberOptions) {
    this.o = opts;
  }

  get queued(): number {
    return this.queue.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Starts (or restarts) the subscriber from a snapshot. */
  resync(): void {
    this.queue = this.queue.filter((e) => e !== RESYNC && e.event === 'status').slice(-1);
    this.queue.push(RESYNC);
    this.wake();
  }

  /** Messages replayed for Last-Event-ID, in order. */
  replay(messages: readonly WireMessage[]): void {
    if (messages.length >= this.o.limit) return this.resync();
    this.queue.push(...messages);
    this.wake();
  }

  deliver(m: WireMessage): void {
    if (this.closed) return;
    if (this.queue[this.queue.length - 1] === RESYNC) {
      if (m.event === 'status') {
        this.queue = [...this.queue.filter((e) => e !== RESYNC && e.event !== 'status'), m, RESYNC];
        this.wake();
      }
      return;
    }
    if (this.queue.length >= this.o.limit) {
      this.resyncs++;
      this.resync();
      return;
    }
    this.queue.push(m);
    this.wake();
  }

  /** The stream's state changed in a way a pending RESYNC may now materialize. */
  wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async next(): Promise<WireMessage | null> {
    for (;;) {
      if (this.closed) return null;
      const head = this.queue[0];
      if (head === RESYNC) {
        const msgs = this.o.materialize();
        if (msgs !== null) {
          this.queue.splice(0, 1, ...msgs);
          continue;
        }
      } else if (head !== undefined) {
        this.queue.shift();
        return head;
      }
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.wake();
    this.o.onClose(this);
  }
}
