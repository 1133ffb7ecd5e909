// Runs after every test: a response that broke its vendor's spec fails the test that produced it.
import { takeContractFailures } from './contract';

afterEach(() => {
  const failures = takeContractFailures();
  if (failures.length > 0) throw new Error(`Responses that break the spec:\n${failures.join('\n')}`);
});
