// The package's public API: start an emulator in-process (or build its Express app), and the types.
export { startEmulator } from './api';
export type { RunningEmulator, Scope, StartOptions } from './api';
export { createEmulator, DEFAULT_BODY_LIMIT, DEFAULT_CONTROL_BODY_LIMIT, DEFAULT_JOURNAL_BYTES, DEFAULT_JOURNAL_SIZE, DEFAULT_MAX_NAMESPACES } from './emulator';
export type { Emulator, EmulatorOptions } from './emulator';
export type { FaultRuleInput, RequestFilter } from './control/operations';
export type { JournalEntryView } from './control/journal-view';
export type { CredentialRead, Explanation, Fact, LookupMiss, RouteFacts, RuleCheck, StateChange, ValidationFacts } from './core/explanation/explanation';
export type { FaultAction, FaultMatch, FaultRule } from './core/faults/fault-rules';
export type { Exchange, ExchangeObserver } from './core/exchange';
export type { LogLevel, Logger } from './core/log';
export { createLogger } from './core/log';
export { fixedClock, systemClock } from './core/clock';
export type { Clock } from './core/clock';
