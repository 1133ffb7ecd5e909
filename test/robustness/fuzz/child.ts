// The emulator under fuzz, run as users run it: `node dist/main.js` in a child process with the shipped
// defaults (body limit, journal), a seed for repeatable ids and --log-level error. Everything it prints is
// captured: ERROR lines (each a logged server error) and anything on stderr. A child that exits before it
// is told to is a crash; so is uncaught-exception output. Its resident memory (VmRSS) is read from
// /proc/<pid>/status every 50 ms for the peak. A preloaded probe (prototype-probe.mjs) reports at exit
// whether Object.prototype is still clean inside the child.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, waitForHealth } from '../../support/process';

export const PROBE = join(__dirname, 'prototype-probe.mjs');
const PROBE_LINE = /^share-emulator-fuzz-probe: (.*)$/;
/** An uncaught exception or rejection, a fatal V8 error or an abort, as Node prints them on stderr. */
const UNCAUGHT = /^(Uncaught|FATAL ERROR|\S+Error(\s*\[[A-Z_]+\])?:|node:internal|Error:|<--- Last few GCs)/;
const MAX_KEPT_LINES = 200;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it printed, to see why. */
  tail: string[];
}

export interface ChildCommand {
  /** The script node runs (dist/main.js, or a stand-in in the fuzz's own tests). */
  script: string;
  seed: number;
  /** Extra arguments after the standard ones. */
  args?: string[];
}

export class EmulatorChild {
  readonly url: string;
  readonly port: number;
  /** ERROR lines (with their stack lines) and stderr lines, at most MAX_KEPT_LINES kept. */
  readonly errorLines: string[] = [];
  errorCount = 0;
  uncaughtOutput = 0;
  peakRssKb = 0;
  /** Set when the child exited; `expected` when stop() asked it to. */
  exit?: ChildExit & { expected: boolean };
  prototypeReport?: string;
  private readonly recent: string[] = [];
  private stopping = false;
  private readonly rssTimer: NodeJS.Timeout;
  readonly exited: Promise<ChildExit>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    port: number,
    onUnexpectedExit: (child: EmulatorChild) => void,
  ) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.watch(child.stdout, false);
    this.watch(child.stderr, true);
    this.rssTimer = setInterval(() => this.sampleRss(), 50);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        clearInterval(this.rssTimer);
        // Let the last output arrive before reporting.
        setImmediate(() => {
          this.exit = { code, signal, tail: [...this.recent], expected: this.stopping };
          if (!this.stopping) onUnexpectedExit(this);
          resolve(this.exit);
        });
      });
    });
  }

  static async start(command: ChildCommand, onUnexpectedExit: (child: EmulatorChild) => void = () => undefined): Promise<EmulatorChild> {
    let lastError: unknown;
    // A free port can be taken between the probe and the bind: try again on another one.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        ['--import', pathToFileURL(PROBE).href, command.script, '--port', String(port), '--host', '127.0.0.1', '--seed', String(command.seed), '--log-level', 'error', ...(command.args ?? [])],
        { env: { ...process.env, NODE_OPTIONS: '' } },
      );
      const running = new EmulatorChild(child, port, onUnexpectedExit);
      try {
        await Promise.race([
          waitForHealth(running.url, 15000),
          running.exited.then((e) => {
            throw new Error(`exited with ${e.code ?? e.signal} before it was healthy:\n${e.tail.join('\n')}`);
          }),
        ]);
        return running;
      } catch (error) {
        lastError = error;
        running.stopping = true;
        child.kill('SIGKILL');
        await running.exited;
      }
    }
    throw lastError;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** SIGTERM (a graceful stop drains requests and exits 0), SIGKILL after 10 s. */
  async stop(): Promise<ChildExit> {
    this.stopping = true;
    if (!this.exit) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10000);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exit as ChildExit;
  }

  private watch(stream: NodeJS.ReadableStream, isStderr: boolean): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.line(line, isStderr);
    });
    stream.on('end', () => {
      if (partial) this.line(partial, isStderr);
    });
  }

  private line(line: string, isStderr: boolean): void {
    if (line === '') return;
    const probe = PROBE_LINE.exec(line);
    if (probe) {
      this.prototypeReport = probe[1];
      return;
    }
    this.recent.push(line);
    if (this.recent.length > 30) this.recent.shift();
    const isError = / ERROR /.test(line.slice(0, 40));
    const continuation = /^\s+at |^\s/.test(line) && this.errorLines.length > 0;
    if (isStderr && UNCAUGHT.test(line)) this.uncaughtOutput++;
    if (isError || isStderr) {
      if (isError || !continuation) this.errorCount++;
      if (this.errorLines.length < MAX_KEPT_LINES) this.errorLines.push(isStderr ? `stderr: ${line}` : line);
    } else if (continuation && this.errorLines.length < MAX_KEPT_LINES) {
      // Stack lines of a logged error.
      this.errorLines.push(line);
    }
  }

  private sampleRss(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      if (kb > this.peakRssKb) this.peakRssKb = kb;
    } catch {
      // gone, or not Linux
    }
  }
}
