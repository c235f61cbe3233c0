// The last N messages of one StatefulSet stream, for a browser that reconnects with
// Last-Event-ID. Contract: after(id) returns every message sent after id, or null when this
// stream did not send id or has already dropped messages after it (the caller then sends a
// snapshot). Ids are only compared for equality and position in the buffer.

import type { WireMessage } from './messages.ts';

export class ReplayBuffer {
  private readonly limit: number;
  private messages: WireMessage[] = [];
  /** Every message after this id is in the buffer. */
  private floor: number;

  constructor(limit: number, floor: number) {
    this.limit = Math.max(1, limit);
    this.floor = floor;
  }

  push(m: WireMessage): void {
    this.messages.push(m);
    if (this.messages.length > this.limit) {
      const dropped = this.messages.splice(0, this.messages.length - this.limit);
      this.floor = dropped[dropped.length - 1].id;
    }
  }

  /** The id of the newest message (or the floor when none was sent yet). */
  head(): number {
    return this.messages.length ? this.messages[this.messages.length - 1].id : this.floor;
  }

  after(id: number): WireMessage[] | null {
    if (id === this.floor) return [...this.messages];
    const i = this.messages.findIndex((m) => m.id === id);
    return i < 0 ? null : this.messages.slice(i + 1);
  }

  get size(): number {
    return this.messages.length;
  }
}
