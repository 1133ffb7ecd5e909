// Log lines carry the time they were logged, to the millisecond, in both formats: the once-a-second cache of the
// formatted date must never pair one second's date with another's milliseconds.
import { createLogger } from '../../src/core/log';
import type { LogFormat } from '../../src/core/log';

// Steps across millisecond, second, day and year boundaries, before 1970 and past year 9999.
const TIMES = [
  0, 1, 999, 1000, 1001, 59_999, 60_000, -1, -999, -1000, -1001,
  Date.UTC(2026, 11, 31, 23, 59, 59, 998), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1, 0, 0, 0, 0),
  Date.UTC(2027, 0, 1, 0, 0, 0, 7), Date.UTC(2027, 0, 1, 0, 0, 0, 42), Date.UTC(2027, 0, 1, 0, 0, 1, 7),
  Date.UTC(2027, 0, 1, 0, 0, 0, 999), Date.UTC(10_000, 0, 1, 0, 0, 0, 5), 8.64e15,
];

function stampsLogged(format: LogFormat): string[] {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (text: string) => lines.push(text) }, format);
  const now = jest.spyOn(Date, 'now');
  try {
    for (const t of TIMES) {
      now.mockReturnValue(t);
      logger.info('tick');
    }
  } finally {
    now.mockRestore();
  }
  return lines.map((line) => (format === 'json' ? String((JSON.parse(line) as { time: unknown }).time) : line.split(' ')[0] ?? ''));
}

test.each(['text', 'json'] as const)('%s: every line is stamped with the ISO time it was logged at, across second and year boundaries', (format) => {
  expect(stampsLogged(format)).toEqual(TIMES.map((t) => new Date(t).toISOString()));
});
