// Levelled logging in two formats, text (the default) or JSON lines in pino's shape (LOG_FORMAT=json), through
// one path: a per-process batch in front of pino's asynchronous destination (sonic-boom). A line per request
// costs a string append; the batch goes out as one write once the next line would take it past 4 KiB, or
// 100 ms after its first line (a burst costs a few writes, not one a line, and a quiet server still shows its
// lines promptly). close() writes everything out before the process exits, and an exit without close()
// writes the batch synchronously.
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
  /**
   * Starts writing the lines logged so far now rather than with their batch (an announcement a supervisor
   * waits for). Optional, so a logger of the caller's own needs none.
   */
  sendNow?(): void;
}

/** Anything lines can be written to; sonic-boom by default, a capturing object in tests. */
export interface LogSink {
  write(text: string): unknown;
}

/** A sink that may hold lines back: `sendNow` starts writing what it holds, `flush` also waits for the writes. */
type Flushable = LogSink & { flush?(cb?: (error?: Error) => void): void; sendNow?(): void };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function isLogFormat(value: string): value is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(value);
}

/**
 * The most a write carries: PIPE_BUF on Linux, the most a pipe takes in one piece, so processes sharing a
 * stdout pipe (a container's log) never tear each other's lines, as a line written alone never did.
 */
const BATCH_BYTES = 4096;
/** The longest a line waits in the batch. */
const BATCH_DELAY_MS = 100;

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * Lines batched in a string before sonic-boom sees them. Batching here rather than with sonic-boom's own
 * minLength: its write() measures its whole pending buffer again for every line, and its flush(cb) calls back
 * with a remainder shorter than minLength still unwritten. With minLength 1 it writes a batch at once and
 * flush(cb) waits for every write in flight; maxWrite keeps it from merging batches past BATCH_BYTES.
 */
class BatchedStdout implements Flushable {
  private pending = '';
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly boom: SonicBoom = pino.destination({ dest: 1, sync: false, minLength: 1, maxWrite: BATCH_BYTES });

  constructor() {
    // Prepended, so they run before the exit hooks pino registered for `boom` above, which flush what it holds.
    // An exit because the event loop is empty still has a loop: the batch is handed over, and pino's hook
    // writes it and ends the stream.
    process.prependListener('beforeExit', () => this.handOver());
    // process.exit() without close() (a start-up failure, a library user's script): no loop any more.
    process.prependListener('exit', () => this.writeSync());
  }

  write(text: string): boolean {
    const bytes = Buffer.byteLength(text);
    if (this.pendingBytes + bytes > BATCH_BYTES) this.handOver();
    this.pending += text;
    this.pendingBytes += bytes;
    // Unref'd: a batch never keeps the process alive (the exit hooks write it).
    this.timer ??= setTimeout(this.onTimer, BATCH_DELAY_MS).unref();
    return true;
  }

  /** Calls back once every line written so far is written out. */
  flush(cb?: (error?: Error) => void): void {
    this.handOver();
    this.boom.flush(cb);
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.handOver();
  };

  /** Starts writing the batch now (after a warning or an error, which a crash right after must not take along). */
  sendNow(): void {
    this.handOver();
  }

  private handOver(): void {
    if (this.pending === '') return;
    this.boom.write(this.take());
  }

  private take(): string {
    const text = this.pending;
    this.pending = '';
    this.pendingBytes = 0;
    return text;
  }

  private writeSync(): void {
    if (this.pending === '') return;
    const text = this.take();
    // What sonic-boom holds is older than the batch, so it goes first. Handing the batch to `boom` would start
    // an asynchronous write, which an exiting process never completes; a synchronous destination writes it now
    // (and retries while a non-blocking stdout is full, as sonic-boom does).
    try {
      this.boom.flushSync();
    } catch {
      // Already ended (pino's beforeExit hook): it holds nothing.
    }
    pino.destination({ dest: 1, sync: true }).write(text);
  }
}

let stdoutDestination: BatchedStdout | undefined;

/** One batched stdout destination per process, shared by every emulator in it, so lines keep their order. */
function stdout(): Flushable {
  stdoutDestination ??= new BatchedStdout();
  return stdoutDestination;
}

/** Where a silent logger's (unwritten) lines go: it takes no stdout, batch or exit hooks. */
const nowhere: LogSink = { write: () => undefined };

export function createLogger(level: LogLevel, sink?: LogSink, format: LogFormat = 'text'): Logger {
  const destination: Flushable = sink ?? (level === 'silent' ? nowhere : stdout());
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
  const logger = format === 'json' ? jsonLogger(level, destination, enabled, close) : textLogger(level, destination, enabled, close);
  if (destination.sendNow === undefined) return logger;
  // Request lines wait for their batch; a warning or an error goes out at once, with the lines before it.
  const sendNow = destination.sendNow.bind(destination);
  return {
    ...logger,
    warn: (m) => {
      logger.warn(m);
      sendNow();
    },
    error: (m) => {
      logger.error(m);
      sendNow();
    },
    sendNow,
  };
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
