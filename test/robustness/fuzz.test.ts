// The hostile-input run: a short version in every test run, `npm run fuzz` for the long one (at least
// 100,000 requests; FUZZ_REQUESTS, FUZZ_SECONDS and FUZZ_SEED override). Zero unexpected 5xx, crashes,
// non-envelope errors and unanswered requests, a clean Object.prototype, and a server still healthy.
import { runFuzz, summary } from './fuzz/engine';

const requests = Number(process.env.FUZZ_REQUESTS ?? 3000);
const seconds = Number(process.env.FUZZ_SECONDS ?? 60);
const seed = Number(process.env.FUZZ_SEED ?? 20261122);

jest.setTimeout((seconds + 60) * 1000);

test(`fuzz: ${requests} seeded hostile requests (seed ${seed})`, async () => {
  const report = await runFuzz({ requests, seconds, seed, concurrency: 16 });
  process.stdout.write(`${summary(report)}\n`);
  for (const example of report.examples) process.stdout.write(`  ${example}\n`);
  for (const line of report.serverErrors.slice(0, 10)) process.stdout.write(`  server: ${line.slice(0, 400)}\n`);
  expect(report.requests).toBe(requests);
  expect({
    unexpected5xx: report.verdicts['unexpected-5xx'],
    crashes: report.crashes,
    nonEnvelope: report.verdicts['non-envelope'],
    noAnswer: report.verdicts['no-answer'],
    prototypeClean: report.prototypeClean,
    healthyAfter: report.healthyAfter,
  }).toEqual({ unexpected5xx: 0, crashes: 0, nonEnvelope: 0, noAnswer: 0, prototypeClean: true, healthyAfter: true });
});
