// The connection to the shared store's Redis: fails fast while Redis is away (no offline queue, so a vendor
// call is answered 503 at once instead of hanging) and reconnects by itself, so service resumes when it returns.
import Redis from 'ioredis';
import { COMMIT_SCRIPT, LOAD_SCRIPT } from './redis-scripts';

/** How the store's Lua scripts are called (ioredis defines them as commands, sent by SHA once loaded). */
export interface StoreScripts {
  seLoad(nsKey: string, namespacesKey: string, ...args: (string | number)[]): Promise<unknown[]>;
  seCommit(nsKey: string, seqKey: string, namespacesKey: string, ...args: (string | number)[]): Promise<number>;
}

export type StoreRedis = Redis & StoreScripts;

/** Opens the connection (without waiting for it); `redis://host:port/db` as Redis's own URL form. */
export function connectRedis(url: string, onError: (error: Error) => void): StoreRedis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    // Keep trying every second at most: a restarted Redis is picked up within a second.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on('error', onError);
  redis.defineCommand('seLoad', { lua: LOAD_SCRIPT, numberOfKeys: 2 });
  redis.defineCommand('seCommit', { lua: COMMIT_SCRIPT, numberOfKeys: 3 });
  return redis as StoreRedis;
}

/** Resolves once the connection is ready, or after `ms` (the emulator then starts degraded and keeps trying). */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      resolve(false);
    }, ms);
    const ready = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', ready);
  });
}
