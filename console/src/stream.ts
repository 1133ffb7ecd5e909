// The live feed: GET /_emulator/events read with fetch (it can send the admin token as a header, which
// EventSource cannot) and parsed by eventsource-parser. Each (re)connection starts with a replay that refills
// the list, so a resync marker (entries were dropped for a slow reader) is answered by reconnecting.
import { createParser } from 'eventsource-parser';
import { authHeaders } from './api';
import type { JournalEntry } from './types';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface StreamCallbacks {
  /** A (re)connection began: the replay that follows replaces what was shown. */
  onStart(): void;
  onEntry(entry: JournalEntry): void;
  onStatus(status: StreamStatus): void;
}

const REPLAY = 500;
const RETRY_MS = 1000;

/** Starts reading; returns the way to stop. */
export function openStream(callbacks: StreamCallbacks): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    controller = new AbortController();
    const signal = controller.signal;
    let resync = false;
    callbacks.onStatus('connecting');
    try {
      const response = await fetch(`/_emulator/events?replay=${REPLAY}`, { headers: { accept: 'text/event-stream', ...authHeaders() }, signal });
      if (response.status === 401) {
        callbacks.onStatus('unauthorized');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      callbacks.onStart();
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === 'request') callbacks.onEntry(JSON.parse(event.data) as JournalEntry);
          else if (event.event === 'replayed') callbacks.onStatus('live');
          else if (event.event === 'resync') {
            resync = true;
            controller?.abort();
          }
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // Aborted by stop() or a resync, or the connection was lost: reconnect unless stopped.
    }
    if (stopped) return;
    if (resync) {
      void connect();
      return;
    }
    callbacks.onStatus('reconnecting');
    retry = setTimeout(() => void connect(), RETRY_MS);
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    controller?.abort();
  };
}
