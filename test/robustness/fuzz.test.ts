// The hostile-input run: a short version in every test run, `npm run fuzz` for the long one (at least
// 100,000 requests; FUZZ_REQUESTS, FUZZ_SECONDS and FUZZ_SEED override; FUZZ_MAIN runs another build).
// The built emulator runs as a child process at the shipped defaults. Zero unexpected 5xx, crashes,
// logged server errors, non-envelope errors and unanswered requests, a clean Object.prototype in the
// child, and a server still healthy. Every exchange is recorded for the prism judge. The latency target
// (no answer slower than 250 ms) is printed always and asserted by `npm run fuzz` (FUZZ_TARGET=1), where
// the machine is not also running the rest of the suite.
import { writeFileSync } from 'node:fs';
import { reportFile, runFuzz, summary, targetLine, TARGET_MS } from './fuzz/engine';

const requests = Number(process.env.FUZZ_REQUESTS ?? 3000);
const seconds = Number(process.env.FUZZ_SECONDS ?? 120);
const seed = Number(process.env.FUZZ_SEED ?? 20261122);
const assertTarget = process.env.FUZZ_TARGET === '1';

jest.setTimeout((seconds + 120) * 1000);

test(`fuzz: ${requests} seeded hostile requests (seed ${seed}) against the built emulator at shipped defaults`, async () => {
  const report = await runFuzz({ requests, seconds, seed, concurrency: 16 });
  process.stdout.write(`${summary(report)}\n${targetLine(report)}${assertTarget ? '' : ' (asserted by npm run fuzz only)'}\n`);
  for (const example of report.examples) process.stdout.write(`  ${example}\n`);
  for (const crash of report.crashDetails.slice(0, 5)) process.stdout.write(`  crash: ${crash}\n`);
  for (const line of report.serverErrors.slice(0, 20)) process.stdout.write(`  server: ${line.slice(0, 400)}\n`);
  if (report.recordDir) writeFileSync(reportFile(report.recordDir), JSON.stringify({ summary: summary(report), target: targetLine(report), report }, null, 2));
  expect(report.requests).toBe(requests);
  expect({
    unexpected5xx: report.verdicts['unexpected-5xx'],
    crashes: report.crashes,
    serverErrors: report.serverErrorCount,
    nonEnvelope: report.verdicts['non-envelope'],
    noAnswer: report.verdicts['no-answer'],
    prototypeClean: report.prototypeClean,
    healthyAfter: report.healthyAfter,
  }).toEqual({ unexpected5xx: 0, crashes: 0, serverErrors: 0, nonEnvelope: 0, noAnswer: 0, prototypeClean: true, healthyAfter: true });
  if (assertTarget) expect(report.slowestMs).toBeLessThanOrEqual(TARGET_MS);
});
