// The package's public API: build an emulator in-process, and the types that go with it.
export { createEmulator, DEFAULT_BODY_LIMIT, DEFAULT_MAX_NAMESPACES } from './emulator';
export type { Emulator, EmulatorOptions } from './emulator';
export type { Exchange, ExchangeObserver } from './core/exchange';
export type { LogLevel, Logger } from './core/log';
export { createLogger } from './core/log';
export { fixedClock, systemClock } from './core/clock';
export type { Clock } from './core/clock';
