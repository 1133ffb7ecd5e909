// Levelled logging in two formats, text (the default) or JSON lines in pino's shape (LOG_FORMAT=json), through
// one path: pino's asynchronous destination (sonic-boom), so a line per request costs a buffer append, not a
// blocking write, and close() flushes everything before the process exits.
import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The fields of the one line logged per exchange. */
export interface RequestLine {
  id: string;
  method: string;
  path: string;
  /** The status sent, or 'dropped' when a fault closed the connection. */
  status: number | 'dropped';
  durationMs: number;
  vendor: string | null;
  operation: string | null;
  /** Why it answered so, for errors (set once explanations exist). */
  summary?: string;
}

export interface Logger {
  readonly level: LogLevel;
  readonly format: LogFormat;
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** The per-exchange line (level info). */
  request(line: RequestLine): void;
  /** Writes out everything logged so far; resolves once it is written (call before exiting). */
  close(): Promise<void>;
}

/** Anything lines can be written to; sonic-boom by default, a capturing object in tests. */
export interface LogSink {
  write(text: string): unknown;
}

type Flushable = LogSink & { flush?(cb?: (error?: Error) => void): void };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function isLogFormat(value: string): value is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(value);
}

let stdoutDestination: Flushable | undefined;

/** One asynchronous stdout destination per process, shared by every emulator in it, so lines keep their order. */
function stdout(): Flushable {
  // minLength 1, not 0: a line is still written at once, but flush(cb) then waits for writes in flight
  // (with 0 it calls back at once, and the last lines before exit were lost).
  stdoutDestination ??= pino.destination({ dest: 1, sync: false, minLength: 1 }) as unknown as Flushable;
  return stdoutDestination;
}

export function createLogger(level: LogLevel, sink?: LogSink, format: LogFormat = 'text'): Logger {
  const destination: Flushable = sink ?? stdout();
  const rank = LOG_LEVELS.indexOf(level);
  const enabled = (lvl: Exclude<LogLevel, 'silent'>): boolean => LOG_LEVELS.indexOf(lvl) <= rank;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      if (typeof destination.flush !== 'function') {
        resolve();
        return;
      }
      destination.flush(() => resolve());
    });
  if (format === 'json') return jsonLogger(level, destination, enabled, close);
  return textLogger(level, destination, enabled, close);
}

function textLogger(level: LogLevel, destination: LogSink, enabled: Logger['enabled'], close: Logger['close']): Logger {
  // Lines within one millisecond share one formatted timestamp.
  let stampMs = 0;
  let stamp = '';
  const line = (lvl: Exclude<LogLevel, 'silent'>, name: string, message: string): void => {
    if (!enabled(lvl)) return;
    const now = Date.now();
    if (now !== stampMs) {
      stampMs = now;
      stamp = new Date(now).toISOString();
    }
    destination.write(`${stamp} ${name} ${message}\n`);
  };
  return {
    level,
    format: 'text',
    enabled,
    error: (m) => line('error', 'ERROR', m),
    warn: (m) => line('warn', 'WARN ', m),
    info: (m) => line('info', 'INFO ', m),
    debug: (m) => line('debug', 'DEBUG', m),
    request: (r) => {
      if (!enabled('info')) return;
      const tenths = Math.round(r.durationMs * 10);
      const op = r.vendor ? `${r.vendor}.${r.operation ?? '-'}` : '-';
      const summary = r.summary === undefined ? '' : ` ${r.summary}`;
      line('info', 'INFO ', `${r.method} ${r.path} ${r.status} ${(tenths - (tenths % 10)) / 10}.${tenths % 10}ms ${op} ${r.id}${summary}`);
    },
    close,
  };
}

function jsonLogger(level: LogLevel, destination: LogSink, enabled: Logger['enabled'], close: Logger['close']): Logger {
  const pinoLevel = level === 'silent' ? 'silent' : level;
  const log: PinoLogger = pino({ level: pinoLevel, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination as DestinationStream);
  return {
    level,
    format: 'json',
    enabled,
    error: (m) => log.error(m),
    warn: (m) => log.warn(m),
    info: (m) => log.info(m),
    debug: (m) => log.debug(m),
    request: (r) => {
      if (!enabled('info')) return;
      const fields: Record<string, unknown> = { reqId: r.id, method: r.method, path: r.path, status: r.status, durationMs: Math.round(r.durationMs * 10) / 10, vendor: r.vendor, operation: r.operation };
      if (r.summary !== undefined) fields.summary = r.summary;
      log.info(fields, 'request');
    },
    close,
  };
}
