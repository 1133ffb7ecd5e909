// Large request bodies (up to the 1 MiB limit) parse into trees that outlive a young-generation collection,
// so they die in V8's old space, which no major collection visits while the heap is far from its limit:
// 1,000 such bodies grew RSS by ~270 MiB, and it stayed. After every few MiB of large bodies this asks V8
// for a major collection (its gc(), exposed at run time as Jest's leak detector does), so memory stays
// bounded by what is live. Small bodies never trigger it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const HEAP_RELIEF = {
  /** A body at least this large counts. */
  largeBodyBytes: 64 * 1024,
  /** A major collection after this many bytes of large bodies. */
  collectEveryBytes: 4 * 1024 * 1024,
} as const;

type GcFunction = (options: { type: 'major'; execution: 'async' }) => unknown;

let majorGc: GcFunction | null | undefined;

function gcFunction(): GcFunction | null {
  if (majorGc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      majorGc = runInNewContext('gc') as GcFunction;
    } catch {
      majorGc = null; // a runtime without V8's gc(): memory is then left to V8's own schedule
    }
  }
  return majorGc;
}

export class HeapRelief {
  private pendingBytes = 0;

  /** Counts a request body just answered; schedules a collection once enough large bodies went by. */
  note(bodyBytes: number): void {
    if (bodyBytes < HEAP_RELIEF.largeBodyBytes) return;
    this.pendingBytes += bodyBytes;
    if (this.pendingBytes < HEAP_RELIEF.collectEveryBytes) return;
    this.pendingBytes = 0;
    // Incremental and concurrent ('async'), started after the answer is out: no caller waits on a full pause.
    void gcFunction()?.({ type: 'major', execution: 'async' });
  }
}
