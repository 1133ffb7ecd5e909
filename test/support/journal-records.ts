// Exchanges of an emulator running in another process (the CLI tests), recorded for the judge from its
// journal (GET /_emulator/requests). The journal masks credentials (the judge still sees which ones were
// sent: header names, Authorization schemes and body fields stay) and gives bodies back parsed, so a body
// is recorded re-serialized; a body the journal cut is not recorded. Control calls are never journaled.
import { artifactsDir } from './artifacts';
import { currentTest } from './contract';
import type { Decision } from './exchange-record';
import { RecordWriter, headersOf, withBodies } from './exchange-record';

interface JournalView {
  id: string;
  vendor: string | null;
  operationId: string | null;
  method: string;
  path: string;
  query: string;
  status: number;
  fault?: string;
  validation?: string;
  violations?: unknown[];
  truncated?: boolean;
  request: { headers: Record<string, unknown>; body: unknown };
  response: { headers: Record<string, unknown>; body: unknown };
}

let writer: RecordWriter | undefined;

function text(body: unknown): string | null {
  if (body === null || body === undefined) return null;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function decisionOf(entry: JournalView): Decision {
  if (entry.validation === 'passed' || entry.validation === 'rejected') return entry.validation;
  return Array.isArray(entry.violations) ? 'rejected' : 'not-run';
}

/** Records every journal entry of a namespace of the emulator at `url`; returns how many. */
export async function recordJournal(url: string, namespace?: string): Promise<number> {
  writer ??= new RecordWriter(artifactsDir(), `cli-${process.pid}.jsonl`);
  const res = await fetch(`${url}/_emulator/requests`, { headers: namespace ? { 'x-emulator-namespace': namespace } : {} });
  if (res.status !== 200) throw new Error(`GET /_emulator/requests answered ${res.status}`);
  const { requests } = (await res.json()) as { requests: JournalView[] };
  const test = currentTest();
  for (const entry of requests) {
    const requestHeaders = headersOf(entry.request.headers);
    const record = withBodies(
      writer,
      {
        format: 2,
        source: 'cli',
        test,
        id: entry.id,
        vendor: entry.vendor,
        operationId: entry.operationId,
        method: entry.method,
        path: entry.path,
        query: entry.query,
        requestHeaders,
        decision: decisionOf(entry),
        status: entry.status,
        responseHeaders: headersOf(entry.response.headers),
        fault: entry.fault ?? null,
        dropped: false,
      },
      entry.truncated ? null : text(entry.request.body),
      entry.truncated ? null : text(entry.response.body),
    );
    if (entry.truncated) {
      record.requestBodyBytes = Number(requestHeaders['content-length'] ?? 0);
      record.responseTextBytes = 1;
    }
    writer.add(record);
  }
  writer.flush();
  return requests.length;
}
