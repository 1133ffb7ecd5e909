// Opt-in persistence of the default namespace (for local frontend development): loaded at start, saved
// after changes (debounced) and at shutdown, by writing a temporary file and renaming it over the real one,
// so a crash never leaves a half-written file. A file that cannot be read is never overwritten: the
// emulator refuses to start instead.
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { DEFAULT_NAMESPACE } from './namespaces';
import type { NamespaceRegistry } from './namespaces';
import type { Logger } from './log';
import { StateDocumentError } from './state-document';
import { parseJsonText } from './http/json-text';

export class StateFileError extends Error {}

export const SAVE_DEBOUNCE_MS = 250;

export class StateFile {
  private timer?: NodeJS.Timeout;
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly namespaces: NamespaceRegistry,
    private readonly logger: Logger,
  ) {}

  /** Loads the file into the default namespace; a missing file is fine (it is written on the first change). */
  load(): void {
    if (!existsSync(this.path)) {
      this.logger.info(`state file ${this.path} does not exist yet; starting from the fixtures`);
      return;
    }
    let document: unknown;
    try {
      document = parseJsonText(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new StateFileError(`state file ${this.path} cannot be read as JSON (${(error as Error).message}); fix or remove it, it is left untouched`);
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new StateFileError(`state file ${this.path} must hold a JSON object of vendor state documents; it is left untouched`);
    }
    const unknown = Object.keys(document).filter((k) => !this.namespaces.vendors.includes(k));
    if (unknown.length > 0) throw new StateFileError(`state file ${this.path} names unknown vendors: ${unknown.join(', ')}; it is left untouched`);
    try {
      this.namespaces.replace(DEFAULT_NAMESPACE, new Map(Object.entries(document)));
    } catch (error) {
      if (error instanceof StateDocumentError) throw new StateFileError(`state file ${this.path}: ${error.message}; it is left untouched`);
      throw error;
    }
    this.logger.info(`state loaded from ${this.path}`);
  }

  /** Schedules a save; several changes in a burst become one write. */
  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DEBOUNCE_MS);
    this.timer.unref();
  }

  /** Writes now if anything changed since the last save. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save();
  }

  private save(): Promise<void> {
    // Saves run one after another, so an older snapshot can never be renamed over a newer one.
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const text = `${JSON.stringify(this.snapshot(), null, 2)}\n`;
      const temporary = `${this.path}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, text);
        await rename(temporary, this.path);
      } catch (error) {
        this.dirty = true;
        this.logger.error(`could not save state to ${this.path}: ${(error as Error).message}`);
      }
    });
    return this.saving;
  }

  private snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.namespaces.vendors.map((v) => [v, this.namespaces.export(DEFAULT_NAMESPACE, v)]));
  }
}
