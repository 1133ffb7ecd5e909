// Re-renders bench/results.md from bench/results.json with the current report code (`npm run bench:render`),
// for when the report's layout or targets change without a new measurement. The figures are not touched:
// they stay those of the run (and the commit) results.json records.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from './lib/report';
import { resultsDocument } from './lib/report';
import { ROOT } from './lib/servers';

const results = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8')) as Results;
writeFileSync(join(ROOT, 'bench', 'results.md'), resultsDocument(results));
console.log(`bench/results.md re-rendered from bench/results.json (measured ${results.date})`);
