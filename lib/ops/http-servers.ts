// The HTTP servers of this process, as seen on Node's `http.server.request.start` diagnostics
// channel (Next.js does not hand its server to application code). Shutdown uses them to close
// keep-alive connections that turn idle once the SSE streams have ended: Node's server.close()
// closes only the connections idle at the moment it is called, and the rest would otherwise keep
// the process alive until their keep-alive timeout.

import { subscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:http';

export interface ServerTracker {
  closeIdleConnections(): void;
}

export function trackHttpServers(): ServerTracker {
  const servers = new Set<Server>();
  subscribe('http.server.request.start', (message) => {
    const server = (message as { server?: Server }).server;
    if (server) servers.add(server);
  });
  return {
    closeIdleConnections: () => { for (const s of servers) s.closeIdleConnections(); },
  };
}
