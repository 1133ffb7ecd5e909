// Runs around every test: a response that broke its spec fails the test that produced it, and each
// file's exchanges are written out for the independent judge.
import { flushRecorded, takeContractFailures } from './contract';

afterEach(() => {
  const failures = takeContractFailures();
  if (failures.length > 0) throw new Error(`Responses that break the spec:\n${failures.join('\n')}`);
});

afterAll(() => flushRecorded());
