// GET requests for JSON that several components of one page ask for at the same time (the
// namespace list: the picker and the DNS panel's "from namespace" choice) share one request.
// Only requests in flight are shared: once the answer is in, the next caller asks the server
// again, so a component mounted later never reads a stale list.

/** The status and the parsed body (null when the body is not JSON). */
export interface JsonAnswer {
  ok: boolean;
  status: number;
  json: unknown;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function createSharedGet(fetchFn: Fetch): (url: string) => Promise<JsonAnswer> {
  const inFlight = new Map<string, Promise<JsonAnswer>>();
  return (url) => {
    const pending = inFlight.get(url);
    if (pending) return pending;
    const answer = fetchFn(url, { headers: { accept: 'application/json' } })
      .then(async (r) => ({ ok: r.ok, status: r.status, json: await r.json().catch(() => null) }))
      .finally(() => inFlight.delete(url));
    inFlight.set(url, answer);
    return answer;
  };
}

/** The page's shared GET (window.fetch). */
export const sharedGetJson = createSharedGet((url, init) => fetch(url, init));
