// The memory benchmark on its own (`npm run bench:memory`; `npm run bench` runs it too and records it in
// bench/results.json): 1,000 valid and 1,000 invalid DESK PUT shareSettings bodies of just under 1 MiB
// against the built emulator at shipped defaults, RSS before and after. See bench/lib/memory.ts.
// MEMORY_BODIES (1000 of each kind) and MEMORY_SECONDS (the time budget, 900) override the defaults.
import { memoryTarget, memoryLines } from './lib/report';
import { measureMemory } from './lib/memory';
import { serverDefs } from './lib/servers';
import type { ServerDef } from './lib/servers';

const BODIES = Number(process.env.MEMORY_BODIES ?? 1000);
const SECONDS = Number(process.env.MEMORY_SECONDS ?? 900);

async function main(): Promise<void> {
  const emulator = serverDefs().find((s) => s.name === 'emulator') as ServerDef;
  console.log(`memory: ${BODIES} valid and ${BODIES} invalid bodies of just under 1 MiB, budget ${SECONDS} s`);
  const memory = await measureMemory(emulator, BODIES, SECONDS, (line) => console.log(line));
  for (const line of memoryLines(memory)) console.log(line);
  const verdicts = memoryTarget(memory);
  for (const t of verdicts) console.log(`${t.ok ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
  process.exitCode = verdicts.every((t) => t.ok) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
