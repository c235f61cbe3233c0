// The dashboard's watch stream, opened by an inline script in <head> while the page's JavaScript
// is still loading, instead of after hydration: the snapshot (1.4 MB for a 1,000-pod set) then
// travels while the bundle downloads and compiles, and the graph can be drawn as soon as React
// runs (issue 8: navigation -> full graph). The script keeps every message it receives; the
// stream hook adopts the EventSource and those messages on its first connect (takeEarlyStream),
// or closes it when it is not the stream it wants. Once the stream's first message (or error)
// has arrived, the same script asks for the page's session (/api/session: read-only or not, the
// CSRF token), which useSession adopts (takeEarlySession): the controls then arrive with the
// first drawing of the graph instead of a few frames later, which shrank the graph's pane and
// refitted the graph just after it was first drawn. Not at once: it would wait behind the
// snapshot on the server and hold one of the browser's six connections that the bundle's files
// need. Shared by the server layout and the client (no 'use client': the layout needs the
// string itself).

/** The message types of the watch stream (lib/stream/wire.ts). */
export const STREAM_EVENTS = ['snapshot', 'patch', 'timeline', 'status', 'gone'] as const;

/** What the boot script leaves on `window.__stsEarlyStream`. */
export interface EarlyStream {
  url: string;
  source: EventSource;
  /** Messages received before the hook took over, in order. */
  backlog: Array<{ type: string; data: string; lastEventId: string }>;
  /** True once the source reported open. */
  opened: boolean;
  /** Stops recording into backlog. */
  stop(): void;
}

/** The page's session request (components/controls/action-client.ts fetchSession); the boot script sends the same. */
export const SESSION_URL = '/api/session';
export const SESSION_INIT = { credentials: 'same-origin', cache: 'no-store' } as const satisfies RequestInit;

// Only on a set's page: /namespaces/<ns>/statefulsets/<name> (the path is already URL-encoded,
// as watchUrl encodes the names). Static text, so the CSP allows it by hash (proxy.ts).
export const STREAM_BOOT_SCRIPT = `(function(){try{var m=location.pathname.match(/^\\/namespaces\\/([^/]+)\\/statefulsets\\/([^/]+)\\/?$/);if(!m||typeof EventSource!=='function')return;var u='/api/namespaces/'+m[1]+'/statefulsets/'+m[2]+'/watch';var es=new EventSource(u);var s={url:u,source:es,backlog:[],opened:false,stop:null};var on=true;var asked=false;var ask=function(){if(asked||!on||typeof fetch!=='function')return;asked=true;var f=fetch('${SESSION_URL}',${JSON.stringify(SESSION_INIT)});f.catch(function(){});window.__stsEarlySession=f};var rec=function(e){if(!on)return;s.backlog.push({type:e.type,data:e.data,lastEventId:e.lastEventId});ask()};var ts=${JSON.stringify(STREAM_EVENTS)};for(var i=0;i<ts.length;i++)es.addEventListener(ts[i],rec);es.addEventListener('open',function(){s.opened=true});es.addEventListener('error',ask);s.stop=function(){on=false;for(var i=0;i<ts.length;i++)es.removeEventListener(ts[i],rec);es.removeEventListener('error',ask)};window.__stsEarlyStream=s}catch(e){}})()`;

/**
 * The early stream if it is for `url` and still usable; it is handed out once. Any other early
 * stream is closed (a client-side navigation to another set must not keep it open).
 */
export function takeEarlyStream(url: string): EarlyStream | null {
  const w = globalThis as { __stsEarlyStream?: EarlyStream };
  const early = w.__stsEarlyStream;
  if (!early) return null;
  delete w.__stsEarlyStream;
  early.stop();
  if (early.url === url && early.source.readyState !== 2 /* CLOSED */) return early;
  early.source.close();
  return null;
}

/**
 * The session request the boot script started (a fetch Response promise), handed out once; null
 * when there was none (another page, or already taken: a later request must not get a used body).
 */
export function takeEarlySession(): Promise<Response> | null {
  const w = globalThis as { __stsEarlySession?: Promise<Response> };
  const early = w.__stsEarlySession ?? null;
  delete w.__stsEarlySession;
  return early;
}
