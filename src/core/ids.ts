// The ids an emulator hands out for its own bookkeeping (request ids, fault rule ids), owned by the emulator
// instance and drawn from its random source, so `--seed` makes them repeatable and two emulators never share a counter.
import type { Random } from './random';
import { ALPHANUMERIC_LOWER } from './random';

export interface IdSource {
  /** `x-emulator-request-id`: an instance tag and a sequence number, e.g. `k3f-1a`. */
  request(): string;
  /** `fault-1`, `fault-2`, ... */
  fault(): string;
}

/** `processTag`: set when processes share a store, so that two processes' ids never collide. */
export function createIds(random: Random, processTag?: string): IdSource {
  const tag = `${random.string(3, ALPHANUMERIC_LOWER)}${processTag ?? ''}`;
  const faultPrefix = processTag === undefined ? 'fault-' : `fault-${processTag}-`;
  let requests = 0;
  let faults = 0;
  return {
    request: () => `${tag}-${(++requests).toString(36)}`,
    fault: () => `${faultPrefix}${++faults}`,
  };
}
