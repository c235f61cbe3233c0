// The boot script runs before any module: here in a bare context with a stand-in EventSource,
// as the browser would run it, and takeEarlyStream hands over only the stream the hook asks for.

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type EarlyStream, STREAM_BOOT_SCRIPT, STREAM_EVENTS, takeEarlyStream } from './stream-boot.ts';
import { watchUrl } from './use-topology-stream.ts';

class FakeSource extends EventTarget {
  readyState = 0;
  closed = false;
  readonly url: string;
  constructor(url: string) { super(); this.url = url; }
  close() { this.readyState = 2; this.closed = true; }
  emit(type: string, data: string, lastEventId: string) { this.dispatchEvent(new MessageEvent(type, { data, lastEventId })); }
}

function boot(pathname: string): { early?: EarlyStream; sources: FakeSource[] } {
  const sources: FakeSource[] = [];
  const EventSource = class extends FakeSource { constructor(url: string) { super(url); sources.push(this); } };
  const window: { __stsEarlyStream?: EarlyStream } = {};
  runInNewContext(STREAM_BOOT_SCRIPT, { window, location: { pathname }, EventSource, MessageEvent });
  return { early: window.__stsEarlyStream, sources };
}

describe('STREAM_BOOT_SCRIPT', () => {
  it('on a set page, opens the same watch URL the hook builds and keeps the messages in order', () => {
    const { early, sources } = boot('/namespaces/default/statefulsets/web');
    expect(sources.map((s) => s.url)).toEqual([watchUrl('default', 'web')]);
    const source = sources[0];
    source.emit('snapshot', '{"a":1}', '1');
    source.emit('patch', '{"b":2}', '2');
    source.emit('message', 'ignored', '3');
    expect(early?.backlog).toEqual([
      { type: 'snapshot', data: '{"a":1}', lastEventId: '1' },
      { type: 'patch', data: '{"b":2}', lastEventId: '2' },
    ]);
    source.dispatchEvent(new Event('open'));
    expect(early?.opened).toBe(true);
    expect(STREAM_EVENTS).toContain('timeline');
  });

  it('opens nothing on other pages', () => {
    for (const path of ['/', '/login', '/namespaces/default', '/namespaces/default/statefulsets/web/extra']) {
      expect(boot(path).sources).toEqual([]);
    }
  });
});

describe('takeEarlyStream', () => {
  it('hands the stream over once, for its own URL, and stops recording', () => {
    const { early, sources } = boot('/namespaces/default/statefulsets/web');
    (globalThis as { __stsEarlyStream?: EarlyStream }).__stsEarlyStream = early;
    const taken = takeEarlyStream(watchUrl('default', 'web'));
    expect(taken).toBe(early);
    sources[0].emit('patch', '{}', '9');
    expect(taken?.backlog).toEqual([]);
    expect(takeEarlyStream(watchUrl('default', 'web'))).toBeNull();
  });

  it('closes a stream that is not the one asked for', () => {
    const { early, sources } = boot('/namespaces/default/statefulsets/web');
    (globalThis as { __stsEarlyStream?: EarlyStream }).__stsEarlyStream = early;
    expect(takeEarlyStream(watchUrl('default', 'db'))).toBeNull();
    expect(sources[0].closed).toBe(true);
  });
});
