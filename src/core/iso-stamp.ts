// ISO 8601 timestamps for log lines, the date and time formatted once a second: formatting one costs about as
// much as the rest of a request's log line, and at a few requests a second (most test runs) a per-millisecond cache never hits.
// Shared by every logger: the cache depends on the time only.
let stampSecond = Number.NaN;
let secondPrefix = '';

/** `new Date(ms).toISOString()` for a whole number of milliseconds in Date's range (as Date.now() gives). */
export function isoStamp(ms: number): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  const second = ms - millis;
  if (second !== stampSecond) {
    stampSecond = second;
    secondPrefix = new Date(second).toISOString().slice(0, -4); // up to and including the '.'
  }
  return `${secondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
