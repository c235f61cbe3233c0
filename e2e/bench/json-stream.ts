// Splits a stream of concatenated JSON documents (what `kubectl get -w -o json` prints, compact
// or indented) into whole documents, chunk by chunk. Counts braces outside strings; top-level
// values other than objects are not expected and are skipped.

export class JsonStreamSplitter {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  /** Feeds a chunk; returns the documents it completed, as text. */
  push(chunk: string): string[] {
    const out: string[] = [];
    this.buf += chunk;
    for (let i = this.scanned; i < this.buf.length; i++) {
      const c = this.buf[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = this.depth > 0;
      else if (c === '{') {
        if (this.depth === 0) this.start = i;
        this.depth++;
      } else if (c === '}' && this.depth > 0) {
        this.depth--;
        if (this.depth === 0) out.push(this.buf.slice(this.start, i + 1));
      }
    }
    // Keep only the unfinished document.
    if (this.depth > 0) {
      this.buf = this.buf.slice(this.start);
      this.start = 0;
    } else {
      this.buf = '';
    }
    this.scanned = this.buf.length;
    return out;
  }
}
