// The published benchmark figures: bench/results.md is exactly what the report code makes of
// bench/results.json (no hand edits), and the README's Performance section quotes it verbatim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../../bench/lib/report';
import { resultsDocument, targets } from '../../bench/lib/report';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const results = JSON.parse(read('bench/results.json')) as Results;

test('bench/results.md is rendered from bench/results.json', () => {
  expect(read('bench/results.md')).toBe(resultsDocument(results));
});

test('the README quotes bench/results.md verbatim', () => {
  expect(read('README.md')).toContain(read('bench/results.md').trimEnd());
});

test('the published run lists every target with its verdict', () => {
  const verdicts = targets(results);
  expect(verdicts.length).toBeGreaterThanOrEqual(10);
  for (const t of verdicts) expect(read('bench/results.md')).toContain(`${t.ok ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
});
