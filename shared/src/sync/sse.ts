/** One Server-Sent Event: its name (`message` when unnamed) and data. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser of a `text/event-stream` body, for contexts without EventSource (the
 * extension's service worker reads /v1/sync/live with fetch). Feed it decoded text as it arrives;
 * it returns the events completed by that text. Comments (`: keep-alive`) are skipped.
 * Format: https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 * @example const parser = new SseParser(); for (const e of parser.push(decoder.decode(chunk, { stream: true }))) ...
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  /** The previous chunk ended in '\r': a '\n' opening this one is the rest of that line ending. */
  #afterCr = false;

  push(chunk: string): SseEvent[] {
    const text = this.#afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    this.#afterCr = chunk.endsWith('\r');
    this.#buffer += text;
    const events: SseEvent[] = [];
    const lines = this.#buffer.split(/\r\n|\r|\n/);
    // The last piece has no line ending yet (or is '' after one): keep it for the next chunk.
    this.#buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (this.#data.length > 0)
          events.push({ event: this.#event || 'message', data: this.#data.join('\n') });
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
    }
    return events;
  }
}
