// The contract check every test runs through: each response an emulator built here produces (vendor or
// control plane) is checked against its spec, and a mismatch fails the test that caused it (setup.ts).
// Every exchange is also recorded, as sent, for the independent judge (scripts/contract-judge.mjs, prism-http)
// in this run's artifact folder (see artifacts.ts).
import { join, relative } from 'node:path';
import type { Exchange } from '../../src/core/exchange';
import type { VendorRuntime } from '../../src/core/vendor-runtime';
import { CONTROL_VENDOR } from '../../src/control/control-plane';
import { ResponseValidator } from '../../src/core/validation/response-validator';
import { buildOperationTable } from '../../src/core/spec/operation-table';
import { loadSpec } from '../../src/core/spec/load-spec';
import { BUILT_IN_SPECS } from '../../src/paths';
import { artifactsDir } from './artifacts';
import type { RecordSource } from './exchange-record';
import { RecordWriter, headersOf, withBodies } from './exchange-record';

const ROOT = join(__dirname, '..', '..');

const failures: string[] = [];
const validators = new Map<string, ResponseValidator>();

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
    recordExchange(exchange);
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

/** The Jest test running now, as the judge names it. */
export function currentTest(): string {
  const state = expect.getState();
  return `${relative(ROOT, state.testPath ?? '')} › ${state.currentTestName ?? '(hook)'}`;
}

let writer: RecordWriter | undefined;

function recordWriter(): RecordWriter {
  writer ??= new RecordWriter(artifactsDir(), `in-process-${process.pid}.jsonl`);
  return writer;
}

/**
 * One record per exchange, as the client sent it: the raw request body, every request header and the
 * emulator's validation outcome (not its coerced reading of the body; the judge parses what was sent).
 */
export function recordExchange(exchange: Exchange, source: RecordSource = 'in-process'): void {
  const w = recordWriter();
  const requestHeaders = headersOf(exchange.requestHeaders);
  const responseHeaders = headersOf(exchange.responseHeaders);
  // The journal may cut a long body in place before later observers run, and a body refused before it
  // was read (413) is not there at all: a body shorter than its Content-Length is not what was sent, so
  // it is not recorded (the judge counts the exchange as "body not recorded" rather than judging it).
  const sentBytes = Number(requestHeaders['content-length'] ?? NaN);
  const requestCut = sentBytes > (exchange.requestBody?.length ?? 0);
  const answeredBytes = Number(responseHeaders['content-length'] ?? NaN);
  const responseCut = exchange.method !== 'HEAD' && answeredBytes > Buffer.byteLength(exchange.responseText);
  const record = withBodies(
    w,
    {
      format: 2,
      source,
      test: currentTest(),
      id: exchange.id,
      vendor: exchange.vendor,
      operationId: exchange.operationId,
      method: exchange.method,
      path: exchange.path,
      query: exchange.rawQuery,
      requestHeaders,
      decision: exchange.validation ? exchange.validation.outcome : 'not-run',
      status: exchange.dropped ? null : exchange.status,
      responseHeaders,
      fault: exchange.fault ?? null,
      dropped: exchange.dropped === true,
    },
    requestCut ? null : (exchange.requestBody ?? null),
    responseCut ? null : exchange.responseText,
  );
  if (requestCut) record.requestBodyBytes = sentBytes;
  if (responseCut) record.responseTextBytes = answeredBytes;
  w.add(record);
}

/** An onExchange/onControlExchange observer that only records (for emulators the test does not build itself). */
export function exchangeRecorder(source: RecordSource): (exchange: Exchange) => void {
  return (exchange) => recordExchange(exchange, source);
}

/** Appends this test file's exchanges to the worker's artifact file. */
export function flushRecorded(): void {
  writer?.flush();
}

/** Returns and clears the failures collected so far. */
export function takeContractFailures(): string[] {
  return failures.splice(0, failures.length);
}
