// Turns client-node failures into plain-language messages for the page and the API routes.

export interface ClusterErrorInfo {
  status: number;
  reason: string;
  message: string;
}

export function describeClusterError(e: unknown): ClusterErrorInfo {
  const err = e as { code?: number | string; body?: unknown; message?: string; cause?: { code?: string } };
  const code = typeof err?.code === 'number' ? err.code : undefined;
  let body: { message?: string; reason?: string } | undefined;
  if (typeof err?.body === 'string') {
    try { body = JSON.parse(err.body); } catch { body = undefined; }
  } else if (err?.body && typeof err.body === 'object') body = err.body as typeof body;
  if (code === 403) return { status: 403, reason: 'Forbidden', message: `forbidden by RBAC: ${body?.message ?? 'the dashboard’s account may not do this'}` };
  if (code === 401) return { status: 401, reason: 'Unauthorized', message: 'the cluster refused the dashboard’s credentials (401 Unauthorized)' };
  if (code === 404) return { status: 404, reason: 'NotFound', message: body?.message ?? 'not found' };
  if (code === 409) return { status: 409, reason: body?.reason ?? 'Conflict', message: body?.message ?? 'conflict: the object changed; try again' };
  if (code === 422) return { status: 422, reason: 'Invalid', message: body?.message ?? 'the cluster rejected the change as invalid' };
  if (code && code >= 400) return { status: 502, reason: body?.reason ?? 'ClusterError', message: body?.message ?? `the cluster answered ${code}` };
  const sys = err?.cause?.code ?? (typeof err?.code === 'string' ? err.code : undefined);
  if (sys === 'ECONNREFUSED' || sys === 'ENOTFOUND' || sys === 'ETIMEDOUT' || sys === 'ECONNRESET' || /fetch failed|ECONNREFUSED/.test(err?.message ?? '')) {
    return { status: 503, reason: 'ClusterUnreachable', message: `cannot reach the cluster's API server (${sys ?? err?.message})` };
  }
  return { status: 500, reason: 'InternalError', message: err?.message ?? String(e) };
}
