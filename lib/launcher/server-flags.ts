// Node flags for the dashboard's production server (standalone server.js), shared by `npm start`,
// the bench and the e2e launcher; the Dockerfile's CMD repeats them. A smaller young generation
// (V8's default semi-space grows to 16-64 MiB) keeps the server's RSS near its live heap: with 250
// SSE clients RSS was ~330 MiB with about 120 MiB in use, ~215 MiB with this flag (issue 8 bench).
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
