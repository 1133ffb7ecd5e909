// The published benchmark figures: bench/results.md is exactly what the report code makes of
// bench/results.json (no hand edits), and the README's Performance section quotes it verbatim (and its Scaling
// out section bench/scaling-results.md, which npm run bench:scaling writes). The report
// code itself: every target is listed whether or not the run measured it, and a memory run that did not
// get every answer cannot pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryBodies, MEMORY_BODY_BYTES } from '../../bench/lib/memory';
import type { MemoryResults } from '../../bench/lib/memory';
import type { Results } from '../../bench/lib/report';
import type { InstructionCount } from '../../bench/lib/instructions';
import { instructionTargets, memoryTarget, resultsDocument, SCALE_PROBE_NAMES, targets } from '../../bench/lib/report';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const results = JSON.parse(read('bench/results.json')) as Results;

test('bench/results.md is rendered from bench/results.json', () => {
  expect(read('bench/results.md')).toBe(resultsDocument(results));
});

test('the README quotes bench/results.md verbatim', () => {
  expect(read('README.md')).toContain(read('bench/results.md').trimEnd());
});

test("the README's Scaling out section quotes bench/scaling-results.md (npm run bench:scaling) verbatim", () => {
  const section = read('README.md').split('## Scaling out')[1]?.split('\n## ')[0] ?? '';
  expect(section).toContain(read('bench/scaling-results.md').trimEnd());
});

test('the published run lists every target with its verdict', () => {
  const verdicts = targets(results);
  expect(verdicts.length).toBeGreaterThanOrEqual(10);
  for (const t of verdicts) expect(read('bench/results.md')).toContain(`${t.ok ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
});

test('results.md says which commit it measured, when the run recorded one, and on which date', () => {
  const first = read('bench/results.md').split('\n')[0] as string;
  expect(first).toContain(`Measured ${results.date.slice(0, 10)} (`);
  if (results.commit) {
    expect(results.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(first).toContain(`commit ${results.commit.sha.slice(0, 12)}${results.commit.dirty ? ' with uncommitted changes' : ''}`);
  } else {
    expect(first).toContain('commit not recorded');
  }
});

describe('report targets', () => {
  const kind = (planned: number, expected: number, statuses: Record<string, number>): MemoryResults['valid'] => ({
    planned,
    answered: Object.values(statuses).reduce((a, b) => a + b, 0),
    statuses,
    expected,
    maxMs: 10,
    seconds: 1,
  });
  const memory = (over: Partial<MemoryResults> = {}): MemoryResults => ({
    bodyBytes: MEMORY_BODY_BYTES,
    journalBytes: 32 * 2 ** 20,
    journalBytesSource: 'fallback',
    valid: kind(1000, 204, { 204: 1000 }),
    invalid: kind(1000, 400, { 400: 1000 }),
    beforeMiB: 80,
    afterMiB: 170,
    peakMiB: 200,
    alive: true,
    logBytes: 0,
    ...over,
  });

  test('a run without the new measurements lists their targets as not measured', () => {
    const old: Results = { ...results, memory: undefined, instructions: undefined, scale: { ...results.scale, small: {}, large: {}, ratios: undefined } };
    const verdicts = targets(old);
    expect(verdicts.filter((t) => t.name.startsWith('instructions a request')).map((t) => t.detail)).toEqual(['not measured in this run', 'not measured in this run', 'not measured in this run']);
    for (const name of SCALE_PROBE_NAMES) {
      expect(verdicts).toContainEqual({ name: `${name}: ${old.scale.records.toLocaleString('en-US')} records ≥ 0.9× of 100`, ok: false, detail: 'not measured in this run' });
    }
    expect(verdicts.filter((t) => t.name.startsWith('memory:')).map((t) => t.detail)).toEqual(['not measured in this run', 'not measured in this run']);
  });

  test('memory growth is settled (10 s idle) minus before, against the journal bound + 64 MiB; runs without a settled figure use after', () => {
    expect(memoryTarget(memory())[0]).toMatchObject({ ok: true, detail: '90.0 MiB (limit 96.0 MiB)' });
    expect(memoryTarget(memory({ afterMiB: 177 }))[0]).toMatchObject({ ok: false, detail: '97.0 MiB (limit 96.0 MiB)' });
    expect(memoryTarget(memory({ afterMiB: 300, settledMiB: 170 }))[0]).toMatchObject({ ok: true, detail: '90.0 MiB (limit 96.0 MiB)' });
    expect(memoryTarget(memory({ afterMiB: 150, settledMiB: 177 }))[0]).toMatchObject({ ok: false, detail: '97.0 MiB (limit 96.0 MiB)' });
  });

  test('a memory run with unanswered bodies, wrong statuses or a dead emulator does not pass', () => {
    const unanswered = memoryTarget(memory({ invalid: kind(1000, 400, { 400: 400 }) }));
    expect(unanswered[0]).toMatchObject({ ok: false });
    expect(unanswered[0]?.detail).toContain('incomplete: 1400 of 2000 answered');
    expect(unanswered[1]).toMatchObject({ ok: false, detail: '1,000/1,000 × 204, 400/1,000 × 400' });
    const wrong = memoryTarget(memory({ invalid: kind(1000, 400, { 400: 10, 500: 990 }) }));
    expect(wrong[0]?.ok).toBe(true);
    expect(wrong[1]).toMatchObject({ ok: false, detail: '1,000/1,000 × 204, 10/1,000 × 400' });
    expect(memoryTarget(memory({ alive: false, afterMiB: NaN }))[0]).toMatchObject({ ok: false });
  });

  test('throughput against the bare server is the median of the per-round ratios, at least 0.6x, and listed when not measured', () => {
    const scenario = 'desk PUT shareSettings, changing';
    const cells = (server: string, reqPerSec: number[]): Results['load'] =>
      reqPerSec.map((rps, round) => ({ round, server, scenario, connections: 10, reqPerSec: rps, p50: 1, p99: 2, total: rps, wrong: 0, rssMiB: 1, idleRssMiB: 1 }));
    const run = (emulator: number[]): Results => ({ ...results, settings: { ...results.settings, connections: [10] }, load: [...cells('emulator', emulator), ...cells('ceiling', [1000, 1000, 1000])] });
    const verdict = (r: Results) => targets(r).find((t) => t.name === `${scenario} ≥ 0.6× the bare node:http server (c=10)`);
    expect(verdict(run([500, 650, 900]))).toMatchObject({ ok: true, detail: '0.65×' });
    expect(verdict(run([500, 590, 900]))).toMatchObject({ ok: false, detail: '0.59×' });
    expect(verdict({ ...results, load: [] })).toMatchObject({ ok: false, detail: 'not measured in this run' });
  });

  test('every counted scenario is judged against 1.2x the bare server, and one not counted is listed as such', () => {
    const count = (scenario: string, ratio: number): InstructionCount => ({ scenario, emulator: ratio * 1000, ceiling: 1000, ratio, few: 2000, many: 14000, compilerCounted: false });
    const verdicts = instructionTargets([count('desk PUT shareSettings', 1.19), count('desk PUT shareSettings, changing', 1.25)]);
    expect(verdicts.map((t) => [t.name.split(', ').slice(1).join(', '), t.ok, t.detail])).toEqual([
      ['desk PUT shareSettings', true, '1.19×'],
      ['desk PUT shareSettings, changing', false, '1.25×'],
      ['desk GET shareSettings', false, 'not measured in this run'],
    ]);
  });

  test('the scale ratio is the median of the per-round ratios when the run recorded them', () => {
    const name = SCALE_PROBE_NAMES[0] as string;
    const r: Results = { ...results, scale: { ...results.scale, small: { [name]: 100 }, large: { [name]: 95 }, ratios: { [name]: [0.8, 0.85, 1.2] } } };
    expect(targets(r).find((t) => t.name.startsWith(`${name}:`))).toMatchObject({ ok: false, detail: '0.85×' });
  });
});

test('the memory benchmark sends valid and invalid bodies of the same size, just under 1 MiB', () => {
  const { valid, invalid } = memoryBodies();
  expect(Buffer.byteLength(valid)).toBe(MEMORY_BODY_BYTES);
  expect(Buffer.byteLength(invalid)).toBe(MEMORY_BODY_BYTES);
  expect(MEMORY_BODY_BYTES).toBeLessThan(1024 * 1024);
  const v = JSON.parse(valid) as { permissions: { id: string; permission: string; type: string }[] };
  const i = JSON.parse(invalid) as { permissions: object[] };
  expect(v.permissions.length).toBeGreaterThan(10_000);
  expect(v.permissions.every((p) => p.type === 'USER' && p.permission === 'VIEW' && typeof p.id === 'string')).toBe(true);
  expect(i.permissions.length).toBeGreaterThan(100_000);
  expect(i.permissions.every((p) => Object.keys(p).length === 0)).toBe(true);
});
