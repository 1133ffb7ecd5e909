// A deliberately plain server-sent-events reader for the stream tests: it keeps the raw text, so a test can
// check the bytes on the wire (comments, retry, ids), and splits it into events the way the SSE spec does.
import type { IncomingMessage } from 'node:http';
import { get } from 'node:http';

export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

export interface SseClient {
  response: IncomingMessage;
  /** Everything received so far. */
  text(): string;
  events(): SseEvent[];
  /** Resolves once an event matching the predicate has arrived (or rejects after the timeout). */
  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once the raw text matches. */
  waitForText(pattern: RegExp, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function parseEvents(text: string): SseEvent[] {
  const out: SseEvent[] = [];
  // Only complete blocks (ended by a blank line) are events.
  const blocks = text.split('\n\n').slice(0, -1);
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') event = value;
      else if (name === 'id') id = value;
      else if (name === 'data') data.push(value);
      else continue;
      fields += 1;
    }
    if (fields > 0 && data.length > 0) out.push({ event, ...(id === undefined ? {} : { id }), data: data.join('\n') });
  }
  return out;
}

export function connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      let raw = '';
      const waiters = new Set<() => void>();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        for (const wake of [...waiters]) wake();
      });
      response.on('error', () => undefined);
      const until = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
        new Promise((done, fail) => {
          const attempt = (): void => {
            const found = check();
            if (found === undefined) return;
            clearTimeout(timer);
            waiters.delete(attempt);
            done(found);
          };
          const timer = setTimeout(() => {
            waiters.delete(attempt);
            fail(new Error(`no ${what} within ${timeoutMs} ms; received:\n${raw.slice(-2000)}`));
          }, timeoutMs);
          waiters.add(attempt);
          attempt();
        });
      resolve({
        response,
        text: () => raw,
        events: () => parseEvents(raw),
        waitFor: (predicate, timeoutMs = 2000) => until(() => parseEvents(raw).find(predicate), 'matching event', timeoutMs),
        waitForText: (pattern, timeoutMs = 2000) => until(() => (pattern.test(raw) ? true : undefined), String(pattern), timeoutMs).then(() => undefined),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
