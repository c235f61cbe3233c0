import { describe, expect, it } from 'vitest';
import type { WireMessage } from './messages.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { Subscriber } from './subscriber.ts';

const patch = (id: number): WireMessage => ({ id, event: 'patch', data: {} });
const status = (id: number, message: string): WireMessage => ({ id, event: 'status', data: { state: 'reconnecting', since: 1, message, notices: [] } });

function subscriber(limit: number, state: { snapshot: WireMessage[] | null }) {
  return new Subscriber({ limit, materialize: () => state.snapshot, onClose: () => {} });
}

describe('Subscriber', () => {
  it('holds at most `limit` messages, then owes one snapshot built when it is read', async () => {
    const state = { snapshot: null as WireMessage[] | null };
    const sub = subscriber(4, state);
    for (let i = 1; i <= 1000; i++) {
      sub.deliver(patch(i));
      expect(sub.queued).toBeLessThanOrEqual(4);
    }
    expect(sub.resyncs).toBe(1);
    state.snapshot = [{ id: 1000, event: 'gone', data: { reason: 'r' } }];
    expect(await sub.next()).toEqual(state.snapshot[0]);
    expect(sub.queued).toBe(0);
  });

  it('keeps only the newest status while waiting for its first snapshot', async () => {
    const state = { snapshot: null as WireMessage[] | null };
    const sub = subscriber(4, state);
    sub.resync();
    sub.deliver(status(1, 'a'));
    sub.deliver(patch(2));
    sub.deliver(status(3, 'b'));
    expect(await sub.next()).toEqual(status(3, 'b'));
    let got: WireMessage | null = null;
    void sub.next().then((m) => { got = m; });
    await Promise.resolve();
    expect(got).toBeNull();
    state.snapshot = [patch(9)];
    sub.wake();
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(patch(9));
  });

  it('ends a pending read with null when closed', async () => {
    const sub = subscriber(4, { snapshot: null });
    sub.resync();
    const pending = sub.next();
    sub.close();
    expect(await pending).toBeNull();
  });
});

describe('ReplayBuffer', () => {
  it('returns what came after a known id, or null for an unknown or dropped one', () => {
    const b = new ReplayBuffer(3, 100);
    expect(b.after(100)).toEqual([]);
    [101, 102, 103].forEach((id) => b.push(patch(id)));
    expect(b.after(100)?.map((m) => m.id)).toEqual([101, 102, 103]);
    expect(b.after(102)?.map((m) => m.id)).toEqual([103]);
    b.push(patch(104));
    expect(b.after(100)).toBeNull();
    expect(b.after(101)?.map((m) => m.id)).toEqual([102, 103, 104]);
    expect(b.after(99)).toBeNull();
    expect(b.after(555)).toBeNull();
    expect(b.head()).toBe(104);
  });
});
