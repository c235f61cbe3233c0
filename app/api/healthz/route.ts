// Liveness: the process is up and serving requests. (Readiness, with informers synced, is /api/readyz.)
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' });
}
