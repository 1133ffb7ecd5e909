// `npm run bench:instructions`: instructions per request under valgrind for the emulator (shipped defaults,
// logging to a drained pipe) and the bare node:http ceiling, same run, same workload; prints the ratio and
// the target (<= 1.2x). Unlike req/s, the count does not move with machine noise. `npm run bench` records it.
import { countInstructions, valgrindAvailable } from './lib/instructions';
import { instructionLines, instructionTargets } from './lib/report';

async function main(): Promise<void> {
  if (!valgrindAvailable()) throw new Error('valgrind is not installed (Debian: apt-get install -y valgrind)');
  const counts = await countInstructions((line) => console.log(line));
  for (const line of instructionLines(counts)) console.log(line);
  const verdicts = instructionTargets(counts);
  for (const t of verdicts) console.log(`${t.ok ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
  process.exitCode = verdicts.every((t) => t.ok) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
