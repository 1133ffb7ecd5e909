// Builds a fresh in-process emulator for a test file: silent logs, a fixed seed, the contract check on.
import { createEmulator } from '../../src/emulator';
import type { Emulator, EmulatorOptions } from '../../src/emulator';
import { createLogger } from '../../src/core/log';
import type { Exchange } from '../../src/core/exchange';
import { contractObserver } from './contract';

export interface TestEmulator extends Emulator {
  exchanges: Exchange[];
}

export function testEmulator(options: EmulatorOptions = {}): TestEmulator {
  const exchanges: Exchange[] = [];
  const checks: ((e: Exchange) => void)[] = [];
  const emulator = createEmulator({
    logger: createLogger('silent'),
    seed: 42,
    ...options,
    onExchange: (exchange) => {
      exchanges.push(exchange);
      for (const check of checks) check(exchange);
      options.onExchange?.(exchange);
    },
    onControlExchange: (exchange) => {
      for (const check of checks) check(exchange);
      options.onControlExchange?.(exchange);
    },
  });
  checks.push(contractObserver(emulator.runtimes));
  return { ...emulator, exchanges };
}
