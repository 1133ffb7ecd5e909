// Levelled logging in two formats, text (the default) or JSON lines in pino's shape (LOG_FORMAT=json), through
// one path: a per-process batch in front of Node's asynchronous stdout stream. A line per request
// costs a string append; the batch goes out as one write once the next line would take it past 4 KiB, or
// 100 ms after its first line (a burst costs a few writes, not one a line, and a quiet server still shows its
// lines promptly). At most 1 MiB waits for a slow stdout reader; past that, lines are dropped and counted, and a
// warning says how many once stdout takes lines again. close() writes everything out before the process exits,
// and an exit without close() writes the batch synchronously.
import { writeSync } from 'node:fs';
import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { isoStamp } from './iso-stamp';

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

/** Anything lines can be written to: the batched stdout by default, a capturing object in tests. */
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
/**
 * The most bytes that wait for stdout's reader. A reader that stops reading (a test harness that spawned the
 * emulator with a pipe and reads only its "listening on" line) must neither hold the emulator nor grow its
 * memory: past this, lines are dropped and counted, as Docker's non-blocking log mode does past its buffer
 * (whose default size, 1 MB, this follows). A reader that keeps up leaves nothing waiting.
 */
export const LOG_WAITING_BYTES = 2 ** 20;
/** How long close() and the exit hook wait for a stdout that takes nothing. */
const STDOUT_WAIT_MS = 1000;

/**
 * Lines batched in a string, handed to Node's own stdout stream one batch at a time. Not pino's sonic-boom:
 * after a full pipe (EAGAIN) it waits a fixed 100 ms, so a pipe of 64 KiB passes at most about 640 KB/s once
 * its reader has fallen behind for a moment (half the lines of a 30,000 req/s soak waited or were dropped, with
 * grep as the reader). Node's stdout waits for the pipe to be writable instead (epoll). One batch in flight at a
 * time, so each write is one piece of at most PIPE_BUF (its stream would merge queued batches into one writev).
 * A file or a terminal as stdout is written synchronously by Node, and nothing ever waits.
 */
class BatchedStdout implements Flushable {
  private pending = '';
  private pendingBytes = 0;
  private pendingLines = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Batches waiting for the one in flight, oldest first, with their bytes and lines. */
  private readonly queue: { text: string; bytes: number; lines: number }[] = [];
  private queuedBytes = 0;
  /** The batch stdout is writing now, or undefined when it is idle. */
  private inFlight: string | undefined;
  private droppedLines = 0;
  /** Callers of flush() waiting for everything handed over so far. */
  private flushed: (() => void)[] = [];
  /** stdout's reader went away (EPIPE): nothing can be written any more, which is no reason to stop serving. */
  private gone = false;

  /** `dropNotice` renders the warning about dropped lines in the format of the logger that created stdout. */
  constructor(private readonly dropNotice: (dropped: number) => string) {
    process.stdout.on('error', () => {
      this.gone = true;
      this.queue.length = 0;
      this.queuedBytes = 0;
      this.inFlight = undefined;
      this.callFlushed();
    });
    // An exit because the event loop is empty still has a loop: the batch is handed over and written.
    process.prependListener('beforeExit', () => this.handOver());
    // process.exit() without close() (a start-up failure, a library user's script): no loop any more.
    process.prependListener('exit', () => this.writeSync());
  }

  write(text: string): boolean {
    const bytes = Buffer.byteLength(text);
    if (this.pendingBytes + bytes > BATCH_BYTES) this.handOver();
    this.pending += text;
    this.pendingBytes += bytes;
    this.pendingLines++;
    // Unref'd: a batch never keeps the process alive (the exit hooks write it).
    this.timer ??= setTimeout(this.onTimer, BATCH_DELAY_MS).unref();
    return true;
  }

  /** Calls back once every line written so far is written out (or stdout is gone). */
  flush(cb?: (error?: Error) => void): void {
    this.handOver();
    // The count of lines dropped goes out even when stdout is still behind: it is one short line.
    const notice = this.takeNotice();
    if (notice !== '') this.enqueue(notice, Buffer.byteLength(notice), 1);
    if (cb === undefined) return;
    if (this.inFlight === undefined) {
      process.nextTick(cb);
      return;
    }
    // A reader that never reads must not hold a stop: past the wait, what is left is the exit hook's to try.
    let called = false;
    const done = (): void => {
      if (called) return;
      called = true;
      clearTimeout(timer);
      cb();
    };
    const timer = setTimeout(done, STDOUT_WAIT_MS);
    this.flushed.push(done);
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
    const bytes = this.pendingBytes;
    const lines = this.pendingLines;
    const text = this.take();
    // The bound holds what waits behind the batch in flight; with nothing in flight, the stream takes it now.
    if (this.gone || (this.inFlight !== undefined && this.queuedBytes + bytes > LOG_WAITING_BYTES)) {
      this.droppedLines += lines;
      return;
    }
    const notice = this.takeNotice();
    if (notice !== '') this.enqueue(notice, Buffer.byteLength(notice), 1);
    this.enqueue(text, bytes, lines);
  }

  /** The warning about the lines dropped since the last one, or '' when none were. */
  private takeNotice(): string {
    if (this.droppedLines === 0 || this.gone) return '';
    const notice = this.dropNotice(this.droppedLines);
    this.droppedLines = 0;
    return notice;
  }

  private enqueue(text: string, bytes: number, lines: number): void {
    if (this.inFlight === undefined) {
      this.send(text);
      return;
    }
    this.queue.push({ text, bytes, lines });
    this.queuedBytes += bytes;
  }

  private send(text: string): void {
    this.inFlight = text;
    process.stdout.write(text, this.onWritten);
  }

  private readonly onWritten = (error?: Error | null): void => {
    if (error || this.gone) return;
    this.inFlight = undefined;
    const next = this.queue.shift();
    if (next === undefined) {
      // Caught up after dropping: the count goes out now, not with the next line (a quiet spell may follow).
      const notice = this.takeNotice();
      if (notice !== '') this.send(notice);
      else this.callFlushed();
      return;
    }
    this.queuedBytes -= next.bytes;
    this.send(next.text);
  };

  private callFlushed(): void {
    const callbacks = this.flushed;
    this.flushed = [];
    for (const cb of callbacks) cb();
  }

  private take(): string {
    const text = this.pending;
    this.pending = '';
    this.pendingBytes = 0;
    this.pendingLines = 0;
    // The next line starts a new batch, with a delay of its own.
    clearTimeout(this.timer);
    this.timer = undefined;
    return text;
  }

  /**
   * At exit the stream's asynchronous writes never complete: what is still waiting is written synchronously, in
   * order: the part of the batch in flight that stdout has not taken yet, then each batch on its own (one write
   * of at most PIPE_BUF each, so processes sharing the pipe still cannot tear each other's lines).
   */
  private writeSync(): void {
    if (this.gone) return;
    const pieces: Buffer[] = [];
    if (this.inFlight !== undefined) {
      // The bytes of the batch in flight that libuv still holds; the rest is in the pipe already.
      const unsent = (process.stdout as unknown as { _handle?: { writeQueueSize?: number } })._handle?.writeQueueSize ?? 0;
      const batch = Buffer.from(this.inFlight);
      if (unsent > 0) pieces.push(batch.subarray(Math.max(0, batch.length - unsent)));
    }
    for (const queued of this.queue) pieces.push(Buffer.from(queued.text));
    const notice = this.takeNotice();
    if (notice !== '') pieces.push(Buffer.from(notice));
    const pending = this.take();
    if (pending !== '') pieces.push(Buffer.from(pending));
    this.queue.length = 0;
    this.inFlight = undefined;
    writeAllSync(pieces);
  }
}

/**
 * Writes each piece to fd 1 synchronously, one after the other; a non-blocking pipe that is full is retried
 * every millisecond, for at most STDOUT_WAIT_MS in all (a reader that never reads must not keep the process
 * from exiting). A piece of at most PIPE_BUF goes into a pipe whole or not at all.
 */
function writeAllSync(pieces: readonly Buffer[]): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + STDOUT_WAIT_MS;
  for (const piece of pieces) {
    let rest = piece;
    while (rest.length > 0) {
      if (Date.now() >= deadline) return;
      try {
        rest = rest.subarray(writeSync(1, rest));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
        Atomics.wait(pause, 0, 0, 1);
      }
    }
  }
}

let stdoutDestination: BatchedStdout | undefined;

/**
 * One batched stdout destination per process, shared by every emulator in it, so lines keep their order. The
 * first logger's format renders the dropped-lines warning.
 */
function stdout(format: LogFormat): Flushable {
  stdoutDestination ??= new BatchedStdout(format === 'json' ? jsonDropNotice : textDropNotice);
  return stdoutDestination;
}

const dropMessage = (dropped: number): string =>
  `log: ${dropped} lines dropped: stdout was not read as fast as they were written (at most ${LOG_WAITING_BYTES / 2 ** 20} MiB may wait for it)`;
const textDropNotice = (dropped: number): string => `${new Date().toISOString()} WARN  ${dropMessage(dropped)}\n`;
// pino's shape for a warning (level 40), as jsonLogger writes it.
const jsonDropNotice = (dropped: number): string => `${JSON.stringify({ level: 40, time: new Date().toISOString(), msg: dropMessage(dropped) })}\n`;

/** Where a silent logger's (unwritten) lines go: it takes no stdout, batch or exit hooks. */
const nowhere: LogSink = { write: () => undefined };

export function createLogger(level: LogLevel, sink?: LogSink, format: LogFormat = 'text'): Logger {
  const destination: Flushable = sink ?? (level === 'silent' ? nowhere : stdout(format));
  const rank = LOG_LEVELS.indexOf(level);
  // Decided once: the request line asks on every request.
  const on: Readonly<Record<Exclude<LogLevel, 'silent'>, boolean>> = {
    error: LOG_LEVELS.indexOf('error') <= rank,
    warn: LOG_LEVELS.indexOf('warn') <= rank,
    info: LOG_LEVELS.indexOf('info') <= rank,
    debug: LOG_LEVELS.indexOf('debug') <= rank,
  };
  const enabled = (lvl: Exclude<LogLevel, 'silent'>): boolean => on[lvl];
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
  const line = (lvl: Exclude<LogLevel, 'silent'>, name: string, message: string): void => {
    if (!enabled(lvl)) return;
    destination.write(`${isoStamp(Date.now())} ${name} ${message}\n`);
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
      const op = r.vendor ? operationName(r.vendor, r.operation) : '-';
      const summary = r.summary === undefined ? '' : ` ${r.summary}`;
      line('info', 'INFO ', `${r.method} ${r.path} ${r.status} ${(tenths - (tenths % 10)) / 10}.${tenths % 10}ms ${op} ${r.id}${summary}`);
    },
    close,
  };
}

/** The last `vendor.operation` a request line named: most lines name the one before them again. */
let lastOperation: { vendor: string; operation: string | null; name: string } = { vendor: '', operation: null, name: '' };

function operationName(vendor: string, operation: string | null): string {
  const last = lastOperation;
  if (vendor === last.vendor && operation === last.operation) return last.name;
  lastOperation = { vendor, operation, name: `${vendor}.${operation ?? '-'}` };
  return lastOperation.name;
}

function jsonLogger(level: LogLevel, destination: LogSink, enabled: Logger['enabled'], close: Logger['close']): Logger {
  const pinoLevel = level === 'silent' ? 'silent' : level;
  const log: PinoLogger = pino({ level: pinoLevel, base: undefined, timestamp: () => `,"time":"${isoStamp(Date.now())}"` }, destination as DestinationStream);
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
