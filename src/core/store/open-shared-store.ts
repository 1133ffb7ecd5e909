// Puts the shared store together for one emulator: the Redis connection (errors logged once per outage),
// the store over the namespace registry, and the journal mirror; a random tag tells this process apart.
import { randomBytes } from 'node:crypto';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import type { NamespaceRegistry } from '../namespaces';
import { JournalMirror } from './journal-mirror';
import { connectRedis, whenReady } from './redis-connection';
import { SharedStore } from './shared-store';

/** How long start-up waits for Redis before serving degraded (503s) while it keeps trying. */
const READY_WAIT_MS = 5000;

export interface OpenedStore {
  store: SharedStore;
  /** Four random characters, unique enough among the processes of one store. */
  processTag: string;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The URL as logs and health show it: without a password. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

export function openSharedStore(url: string, registry: NamespaceRegistry, journal: Journal, logger: Logger): OpenedStore {
  const shown = displayUrl(url);
  let down = false;
  const redis = connectRedis(url, (error) => {
    if (down) return;
    down = true;
    logger.warn(`shared store ${shown} unreachable (${error.message}); vendor calls answer 503 until it is back`);
  });
  redis.on('ready', () => {
    if (down) logger.info(`shared store ${shown} reachable again`);
    down = false;
  });
  const processTag = randomBytes(3).readUIntBE(0, 3).toString(36).padStart(4, '0').slice(-4);
  const store = new SharedStore(redis, registry, shown);
  const mirror = new JournalMirror(redis, journal, processTag, logger, 'se:journal');
  const caughtUp = mirror.start();
  return {
    store,
    processTag,
    // Ready: Redis answers and the journal holds what the stream kept (both within the wait).
    ready: async () => (await whenReady(redis, READY_WAIT_MS)) && (await Promise.race([caughtUp.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, READY_WAIT_MS, false).unref())])),
    close: async () => {
      await mirror.stop();
      await store.close();
    },
  };
}
