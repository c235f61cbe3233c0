// GET /api/metrics: Prometheus text exposition (format 0.0.4) of lib/metrics/dashboard-metrics.ts.
// Needs the access token like every other route when one is set (scrape with a bearer token).

import { EXPOSITION_CONTENT_TYPE } from '../../../lib/metrics/registry.ts';
import { getMetrics } from '../../../lib/metrics/dashboard-metrics.ts';
import { peekHub } from '../../../lib/stream/hub-slot.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(): Response {
  const m = getMetrics();
  // Read, never create: scraping must not open watches.
  m.hubStats = () => peekHub()?.stats() ?? null;
  return new Response(m.registry.render(), { headers: { 'Content-Type': EXPOSITION_CONTENT_TYPE, 'Cache-Control': 'no-store' } });
}
