// The contract check every test runs through: each response an emulator built here produces is checked
// against its vendor's spec, and any mismatch fails the test that caused it (see setup.ts).
import type { Exchange } from '../../src/core/exchange';
import type { VendorRuntime } from '../../src/core/vendor-runtime';
import { ResponseValidator } from '../../src/core/validation/response-validator';

const failures: string[] = [];
const validators = new Map<string, ResponseValidator>();

export function contractObserver(runtimes: readonly VendorRuntime[]): (exchange: Exchange) => void {
  for (const r of runtimes) if (!validators.has(r.name)) validators.set(r.name, new ResponseValidator(r.name, r.spec, r.table));
  return (exchange) => {
    if (!exchange.vendor || !exchange.operationId || exchange.dropped) return;
    const validator = validators.get(exchange.vendor);
    if (!validator) return;
    // An injected status is checked against the spec only where the spec documents that status.
    if (exchange.fault !== undefined && !validator.documents(exchange.operationId, exchange.status)) return;
    const contentType = exchange.responseHeaders['content-type'];
    const problems = validator.check({
      operationId: exchange.operationId,
      status: exchange.status,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      text: exchange.responseText,
      headerNames: Object.keys(exchange.responseHeaders),
    });
    for (const problem of problems) failures.push(`${exchange.method} ${exchange.path} -> ${exchange.status}: ${problem}`);
  };
}

/** Returns and clears the failures collected so far. */
export function takeContractFailures(): string[] {
  return failures.splice(0, failures.length);
}
