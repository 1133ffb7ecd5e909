// The emulator's notion of "now", replaceable so tests and fixtures can pin timestamps.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string | number, stepMs = 0): Clock {
  let t = new Date(start).getTime();
  return {
    now: () => {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
  };
}

/** A clock the emulator owns: another clock plus an offset that only grows, so tests skip time instead of waiting. */
export interface AdjustableClock extends Clock {
  /** Moves "now" forward by `ms` (>= 0); returns the new now. */
  advance(ms: number): Date;
  /** Total milliseconds advanced so far. */
  readonly offsetMs: number;
}

export function adjustableClock(base: Clock): AdjustableClock {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    advance(ms) {
      offset += ms;
      return new Date(base.now().getTime() + offset);
    },
    get offsetMs() {
      return offset;
    },
  };
}

export function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function';
}
