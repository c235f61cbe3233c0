// The boot script runs before any module: here in a bare context with a stand-in EventSource and
// fetch, as the browser would run it; takeEarlyStream hands over only the stream the hook asks
// for, and takeEarlySession the session request, once.

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type EarlyStream, SESSION_URL, STREAM_BOOT_SCRIPT, STREAM_EVENTS, takeEarlySession, takeEarlyStream } from './stream-boot.ts';
import { watchUrl } from './use-topology-stream.ts';

class FakeSource extends EventTarget {
  readyState = 0;
  closed = false;
  readonly url: string;
  constructor(url: string) { super(); this.url = url; }
  close() { this.readyState = 2; this.closed = true; }
  emit(type: string, data: string, lastEventId: string) { this.dispatchEvent(new MessageEvent(type, { data, lastEventId })); }
}

interface Booted {
  early?: EarlyStream;
  sources: FakeSource[];
  /** The fetches the script made, and the promise it left for useSession. */
  fetches: Array<{ url: string; init: RequestInit }>;
  window: { __stsEarlyStream?: EarlyStream; __stsEarlySession?: Promise<Response> };
}

/** The session request the script left for the page, if it made one. */
const session = (b: Booted) => b.window.__stsEarlySession;

function boot(pathname: string, answer: Promise<Response> = Promise.resolve(new Response('{}'))): Booted {
  const sources: FakeSource[] = [];
  const fetches: Booted['fetches'] = [];
  const EventSource = class extends FakeSource { constructor(url: string) { super(url); sources.push(this); } };
  const fetch = (url: string, init: RequestInit) => { fetches.push({ url, init }); return answer; };
  const window: { __stsEarlyStream?: EarlyStream; __stsEarlySession?: Promise<Response> } = {};
  runInNewContext(STREAM_BOOT_SCRIPT, { window, location: { pathname }, EventSource, MessageEvent, fetch });
  return { early: window.__stsEarlyStream, sources, fetches, window };
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

  it('asks for the session as the page itself would once the first message has arrived, and leaves the answer for the page', async () => {
    const answer = new Response('{"readOnly":true}');
    const b = boot('/namespaces/default/statefulsets/web', Promise.resolve(answer));
    // Not while the snapshot is on its way: it would hold a connection the bundle needs.
    expect(b.fetches).toEqual([]);
    b.sources[0].emit('snapshot', '{}', '1');
    b.sources[0].emit('patch', '{}', '2');
    expect(b.fetches).toEqual([{ url: SESSION_URL, init: { credentials: 'same-origin', cache: 'no-store' } }]);
    expect(await session(b)).toBe(answer);
  });

  it('asks after a stream error too (the set page still needs its session), and not after the page took over', () => {
    const failed = boot('/namespaces/default/statefulsets/web');
    failed.sources[0].dispatchEvent(new Event('error'));
    expect(failed.fetches).toHaveLength(1);

    const taken = boot('/namespaces/default/statefulsets/web');
    taken.early?.stop();
    taken.sources[0].emit('snapshot', '{}', '1');
    taken.sources[0].dispatchEvent(new Event('error'));
    expect(taken.fetches).toEqual([]);
  });

  it('a session request that fails is left for the page to report, not thrown at load', async () => {
    const b = boot('/namespaces/default/statefulsets/web', Promise.reject(new TypeError('Failed to fetch')));
    b.sources[0].emit('snapshot', '{}', '1');
    await expect(session(b)).rejects.toThrow('Failed to fetch');
  });

  it('opens nothing and asks for nothing on other pages', () => {
    for (const path of ['/', '/login', '/namespaces/default', '/namespaces/default/statefulsets/web/extra']) {
      const b = boot(path);
      expect(b.sources).toEqual([]);
      expect(b.fetches).toEqual([]);
      expect(session(b)).toBeUndefined();
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

describe('takeEarlySession', () => {
  it('hands the session request of the boot script over once; after that the page asks itself', () => {
    const b = boot('/namespaces/default/statefulsets/web');
    b.sources[0].emit('snapshot', '{}', '1');
    const early = session(b);
    expect(early).toBeInstanceOf(Promise);
    (globalThis as { __stsEarlySession?: Promise<Response> }).__stsEarlySession = early;
    expect(takeEarlySession()).toBe(early);
    expect(takeEarlySession()).toBeNull();
  });
});
