// The fuzz run's counters must be able to count: against a deliberately bad server (fuzz/bad-server.mjs,
// started as the engine starts dist/main.js) each of them does, and its verdicts and large bodies are
// what the run claims.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BODY_LIMIT } from '../../src/emulator';
import type { ExchangeRecord } from '../support/exchange-record';
import type { FuzzCase } from './fuzz/cases';
import { runFuzz, summary } from './fuzz/engine';
import { allLargeBodies, maxJsonDepth } from './fuzz/large-bodies';
import { judge } from './fuzz/verdict';

jest.setTimeout(120000);

const BAD_SERVER = join(__dirname, 'fuzz', 'bad-server.mjs');

test('against a bad server: a crash, an ERROR line, a 500, no answers, a slow answer, a polluted prototype and evictions are all counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-counters-'));
  const report = await runFuzz({ requests: 300, seconds: 90, seed: 7, concurrency: 8, waveSize: 50, script: BAD_SERVER, args: ['--crash-marker', join(dir, 'crashed')], recordDir: dir });
  process.stdout.write(`${summary(report)}\n`);
  expect(report.requests).toBe(300);
  expect(report.crashes).toBe(1);
  expect(report.crashDetails[0]).toMatch(/deliberate crash/);
  // The ERROR line (its stack line kept with it) and the crash's stderr output.
  expect(report.serverErrors).toContain('    at somewhere (bad-server.mjs:1:1)');
  expect(report.serverErrors.some((l) => / ERROR bad-5 something went wrong/.test(l))).toBe(true);
  expect(report.serverErrors.some((l) => l.startsWith('stderr: ') && /deliberate crash/.test(l))).toBe(true);
  expect(report.serverErrorCount).toBeGreaterThanOrEqual(2);
  expect(report.verdicts['unexpected-5xx']).toBeGreaterThanOrEqual(1);
  // Raw requests the server's parser refuses get no answer at all, and the request in flight at the crash.
  expect(report.verdicts['no-answer']).toBeGreaterThanOrEqual(1);
  // 400 ms for one plain request; 2 s for those that asked for a delay, which do not count.
  expect(report.delayedExcluded).toBeGreaterThan(0);
  expect(report.slowestMs).toBeGreaterThanOrEqual(400);
  expect(report.slowestMs).toBeLessThan(2000);
  expect(report.peakRssMiB).toBeGreaterThan(10);
  expect(report.prototypeClean).toBe(false);
  expect(report.healthyAfter).toBe(true);
  // The server keeps 10 journal entries: waves of 50 find some, the rest are evicted.
  expect(report.journal.joined).toBeGreaterThan(0);
  expect(report.journal.evicted).toBeGreaterThan(0);
  const records = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
    .map((l) => JSON.parse(l) as ExchangeRecord);
  expect(records).toHaveLength(300);
  expect(records.filter((r) => r.decision === 'passed' && r.operationId === 'getDashboards').length).toBe(report.journal.joined);
  expect(records.filter((r) => r.decision === 'unknown').length).toBeGreaterThanOrEqual(report.journal.evicted);
  expect(records.filter((r) => r.status === null).length).toBe(report.statuses.none ?? 0);
});

describe('verdicts', () => {
  const raw: FuzzCase = { kind: 'methods', method: 'FOO', path: '/api/v3/dashboard', headers: {}, raw: Buffer.from('FOO /api/v3/dashboard HTTP/1.1\r\n\r\n'), injected: false };

  test('a raw request that gets no answer is no-answer, not parser-rejected', () => {
    expect(judge(raw, { error: 'closed without an answer', raw: true, sentHeaders: {} })).toBe('no-answer');
  });

  test("Node's parser answering 400 without a request id, or closing on an oversized head, is parser-rejected", () => {
    expect(judge(raw, { status: 400, headers: {}, body: Buffer.alloc(0), raw: true, sentHeaders: {} })).toBe('parser-rejected');
    expect(judge({ ...raw, oversizedHead: true }, { error: 'closed without an answer', raw: true, sentHeaders: {} })).toBe('parser-rejected');
  });

  test('an HTTP-client request without an answer is no-answer', () => {
    const { raw: _raw, ...plain } = raw;
    expect(judge({ ...plain, method: 'GET' }, { error: 'ECONNRESET', raw: false, sentHeaders: {} })).toBe('no-answer');
  });
});

test('large bodies: every vendor and shape, valid-shaped and invalid, from 64 KiB to exactly the limit, nesting at the depth limit', () => {
  const bodies = allLargeBodies(DEFAULT_BODY_LIMIT);
  const kinds = new Set(bodies.map((b) => b.kind.replace(/^large /, '').replace(/:\d+$/, '')));
  for (const vendor of ['desk', 'energycap', 'luzmo']) {
    for (const shape of ['wide-array', 'many-keys', 'long-string', 'deep-nesting']) {
      for (const validity of ['valid', 'invalid']) expect(kinds).toContain(`${vendor}:${shape}:${validity}`);
    }
  }
  for (const b of bodies) {
    expect(() => JSON.parse(b.body.toString('utf8'))).not.toThrow();
    expect(b.body.length).toBeGreaterThanOrEqual(64 * 1024 - 64);
    expect(b.body.length).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT);
    if (b.kind.includes('deep-nesting')) expect(maxDepth(b.body.toString('utf8'))).toBe(maxJsonDepth(b.vendor));
  }
  expect(Math.max(...bodies.map((b) => b.body.length))).toBe(DEFAULT_BODY_LIMIT);
});

function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (c === '{' || c === '[') max = Math.max(max, ++depth);
    if (c === '}' || c === ']') depth--;
  }
  return max;
}
