// GET /api/namespaces/{ns}/statefulsets/{name}/watch: the live stream of one StatefulSet
// (text/event-stream, messages in lib/stream/wire.ts). A set that does not exist is reported
// with `event: gone` on a 200 stream (EventSource gives up after a non-200 answer); malformed
// input is a plain 400. Resumes from Last-Event-ID (header, or `lastEventId` query parameter for
// a client that opens a fresh EventSource).

import { getMetrics } from '../../../../../../../lib/metrics/dashboard-metrics.ts';
import { meteredSource } from '../../../../../../../lib/metrics/metered-source.ts';
import { getHub } from '../../../../../../../lib/stream/server-hub.ts';
import { parseLastEventId } from '../../../../../../../lib/stream/messages.ts';
import { sseResponse } from '../../../../../../../lib/stream/sse.ts';
import { checkNamespace, checkSetName, clusterError } from '../../../../../_lib/http.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  const bad = checkNamespace(ns) ?? checkSetName(name);
  if (bad) return bad;
  let hub;
  try {
    hub = getHub();
  } catch (e) {
    return clusterError(e);
  }
  const lastEventId = parseLastEventId(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId'));
  const subscription = hub.subscribe(ns, name, { lastEventId });
  return sseResponse(meteredSource(subscription, getMetrics()), { signal: request.signal, retryMs: 2000 });
}
