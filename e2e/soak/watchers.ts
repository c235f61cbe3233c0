// N SSE clients on one watch URL, each as a browser's EventSource behaves: read the stream, keep
// the last event id, and after the stream ends reconnect (after a second) with Last-Event-ID.

export interface Watchers {
  /** Clients whose stream is open now. */
  connected(): number;
  /** Messages (events with an id) received so far, all clients together. */
  messages(): number;
  /** Streams that failed (not ended by stop()). */
  errors(): number;
  stop(): void;
}

export function startWatchers(url: string, count: number): Watchers {
  const abort = new AbortController();
  let open = 0;
  let messages = 0;
  let errors = 0;

  const client = async () => {
    let lastId = '';
    while (!abort.signal.aborted) {
      try {
        const r = await fetch(url, { signal: abort.signal, headers: lastId ? { 'last-event-id': lastId } : {} });
        if (!r.ok || !r.body) throw new Error(`watch answered ${r.status}`);
        open++;
        try {
          const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
          let buf = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += value;
            let i;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const id = /^id: (\d+)$/m.exec(block);
              if (id) { lastId = id[1]; messages++; }
            }
          }
        } finally {
          open--;
        }
      } catch {
        if (abort.signal.aborted) return;
        errors++;
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  };
  for (let i = 0; i < count; i++) void client();
  return { connected: () => open, messages: () => messages, errors: () => errors, stop: () => abort.abort() };
}
