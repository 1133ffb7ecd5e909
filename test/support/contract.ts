// The contract check every test runs through: each response an emulator built here produces (vendor or
// control plane) is checked against its spec, and a mismatch fails the test that caused it (setup.ts).
// Every exchange is also recorded for the independent judge (scripts/contract-judge.mjs, prism-http).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Exchange } from '../../src/core/exchange';
import type { VendorRuntime } from '../../src/core/vendor-runtime';
import { CONTROL_VENDOR } from '../../src/control/control-plane';
import { ResponseValidator } from '../../src/core/validation/response-validator';
import { buildOperationTable } from '../../src/core/spec/operation-table';
import { loadSpec } from '../../src/core/spec/load-spec';
import { BUILT_IN_SPECS } from '../../src/paths';

export const ARTIFACTS = join(__dirname, '..', '..', '.artifacts', 'exchanges');
const ROOT = join(__dirname, '..', '..');
/** Bodies larger than this are not recorded for the judge (size-limit tests send megabytes). */
const RECORD_LIMIT = 256 * 1024;

const failures: string[] = [];
const validators = new Map<string, ResponseValidator>();
const recorded: string[] = [];

function validatorFor(vendor: string, runtimes: readonly VendorRuntime[]): ResponseValidator | undefined {
  let validator = validators.get(vendor);
  if (validator) return validator;
  if (vendor === CONTROL_VENDOR) {
    const spec = loadSpec(join(BUILT_IN_SPECS, 'emulator.openapi.yaml'));
    validator = new ResponseValidator('emulator', spec, buildOperationTable('emulator', spec));
  } else {
    const runtime = runtimes.find((r) => r.name === vendor);
    if (!runtime) return undefined;
    validator = new ResponseValidator(vendor, runtime.spec, runtime.table);
  }
  validators.set(vendor, validator);
  return validator;
}

export function contractObserver(runtimes: readonly VendorRuntime[]): (exchange: Exchange) => void {
  return (exchange) => {
    record(exchange);
    if (!exchange.vendor || !exchange.operationId || exchange.dropped) return;
    const validator = validatorFor(exchange.vendor, runtimes);
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

/** One JSON line per exchange, with the test that made it, for the judge. */
function record(exchange: Exchange): void {
  const state = expect.getState();
  const body = exchange.requestBody && exchange.requestBody.length <= RECORD_LIMIT ? exchange.requestBody.toString('utf8') : null;
  let validation: unknown;
  try {
    validation = exchange.validation ? JSON.parse(JSON.stringify({ outcome: exchange.validation.outcome, body: exchange.validation.body })) : undefined;
  } catch {
    validation = undefined; // too deep to serialize: the judge skips its input check
  }
  const line = JSON.stringify({
    test: `${relative(ROOT, state.testPath ?? '')} › ${state.currentTestName ?? '(hook)'}`,
    vendor: exchange.vendor,
    operationId: exchange.operationId,
    method: exchange.method,
    path: exchange.path,
    query: exchange.rawQuery,
    requestContentType: exchange.requestHeaders['content-type'] ?? null,
    requestBody: body,
    validation,
    status: exchange.status,
    responseHeaders: exchange.responseHeaders,
    responseText: exchange.responseText.length <= RECORD_LIMIT ? exchange.responseText : null,
    fault: exchange.fault ?? null,
    dropped: exchange.dropped === true,
  });
  recorded.push(line);
}

/** Appends this test file's exchanges to the worker's artifact file. */
export function flushRecorded(): void {
  if (recorded.length === 0) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(join(ARTIFACTS, `worker-${process.pid}.jsonl`), `${recorded.join('\n')}\n`);
  recorded.length = 0;
}

/** Returns and clears the failures collected so far. */
export function takeContractFailures(): string[] {
  return failures.splice(0, failures.length);
}
