// Instructions per request under valgrind (callgrind): a measure that machine noise cannot move. Each server
// runs twice in one process with its client (bench/instructions/target.ts), with FEW and MANY requests; the
// difference divided by MANY - FEW is what one more request costs once both servers are warm, their collectors'
// whole cycles included. FEW is past the JIT's warm-up (V8 still compiled about 200 functions of each server
// between requests 200 and 1,200, counted with --trace-opt; about 10 per 1,000 requests after 2,000), and the
// 12,000 requests after it hold about two of the emulator's old-generation collections (one every ~6,000 PUTs,
// as the journal's evicted records pile up): a 3,000-request window counted 415k or 490k a PUT of one build by where it fell.
// Node runs with --predictable: V8 on one thread, its collector and compiler on a schedule that does not
// depend on time, so a count repeats within about 10k a request (without it, runs differed by up to 200k).
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

export const INSTRUCTION_SCENARIOS = ['desk PUT shareSettings', 'desk GET shareSettings'] as const;
export const FEW = 2000;
export const MANY = 14000;

export interface InstructionCount {
  scenario: string;
  /** Instructions per request, by server. */
  emulator: number;
  ceiling: number;
  /** emulator / ceiling. */
  ratio: number;
  /** The window counted: (instructions at `many` requests - at `few`) / (many - few). */
  few: number;
  many: number;
}

const TARGET = join(__dirname, '..', 'instructions', 'target.js');

/** Total instructions callgrind collected for one run; the server's stdout (its log) is drained, as docker logs would. */
function collected(server: string, requests: number, scenario: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--predictable', TARGET, server, String(requests), scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /Collected\s*:\s*(\d+)/.exec(stderr);
      if (code !== 0 || !match) reject(new Error(`valgrind ${server} ${requests} ${scenario} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve(Number(match[1]));
    });
  });
}

export function valgrindAvailable(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function countInstructions(log: (line: string) => void): Promise<InstructionCount[]> {
  const out: InstructionCount[] = [];
  for (const scenario of INSTRUCTION_SCENARIOS) {
    const perRequest: Record<string, number> = {};
    for (const server of ['emulator', 'ceiling']) {
      const few = await collected(server, FEW, scenario);
      const many = await collected(server, MANY, scenario);
      perRequest[server] = (many - few) / (MANY - FEW);
      log(`  ${scenario}, ${server}: ${Math.round(perRequest[server] as number).toLocaleString('en-US')} instructions a request`);
    }
    const emulator = perRequest.emulator as number;
    const ceiling = perRequest.ceiling as number;
    out.push({ scenario, emulator, ceiling, ratio: emulator / ceiling, few: FEW, many: MANY });
  }
  return out;
}
