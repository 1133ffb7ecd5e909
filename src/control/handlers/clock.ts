// The emulator's clock over HTTP: POST /_emulator/clock {advanceMs} moves "now" forward for every namespace,
// so a test can let a rate limit refill (or timestamps move) without waiting real seconds.
import { isAdjustable } from '../../core/clock';
import type { ControlHandler } from '../context';

export const advanceClock: ControlHandler = (ctx) => {
  const { clock } = ctx.deps;
  // createEmulator always builds an adjustable clock; anything else is an emulator bug (a logged 500).
  if (!isAdjustable(clock)) throw new Error('the control plane was given a clock it cannot move');
  const { advanceMs } = ctx.input.body as { advanceMs: number };
  const now = clock.advance(advanceMs);
  return { status: 200, body: { now: now.toISOString(), offsetMs: clock.offsetMs } };
};
