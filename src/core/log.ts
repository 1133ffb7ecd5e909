// A small levelled logger. Lines are batched and written once per event-loop turn, so a log line per
// request costs an array push rather than a write syscall on the hot path.

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  flush(): void;
}

export interface LogSink {
  write(text: string): unknown;
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function createLogger(level: LogLevel, sink: LogSink = process.stdout): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  let pending: string[] = [];
  let scheduled = false;
  // Lines logged in one event-loop turn are written together and share one timestamp.
  let stamp = '';
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    sink.write(text);
  };
  const emit = (name: string, message: string): void => {
    if (!scheduled) {
      scheduled = true;
      stamp = new Date().toISOString();
      setImmediate(flush);
    }
    pending.push(`${stamp} ${name} ${message}\n`);
  };
  const at = (lvl: Exclude<LogLevel, 'silent'>, name: string) => (message: string) => {
    if (LOG_LEVELS.indexOf(lvl) <= rank) emit(name, message);
  };
  return {
    level,
    enabled: (lvl) => LOG_LEVELS.indexOf(lvl) <= rank,
    error: at('error', 'ERROR'),
    warn: at('warn', 'WARN '),
    info: at('info', 'INFO '),
    debug: at('debug', 'DEBUG'),
    flush,
  };
}
