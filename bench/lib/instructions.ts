// Instructions per request under valgrind (callgrind): a measure that machine noise cannot move. Each server
// runs twice in one process with its client (bench/instructions/target.ts), with FEW and MANY requests; the
// difference divided by MANY - FEW is what one more request costs once both servers are warm.
// - Node runs with --predictable: V8 on one thread, its collector and compiler on a schedule that mostly does not
//   depend on time, so a count repeats (without it, runs differed by up to 200k a request).
// - V8's optimizing compilers are not counted (callgrind stops collecting inside Compiler::CompileOptimized): on
//   one thread they run on the request's path, and they keep tiering functions up in bursts for tens of thousands
//   of requests (--trace-opt: 173 compilations of the emulator's and Node's functions between requests 2,000 and
//   14,000), which charged about 123k instructions a PUT to the emulator and 73k to the bare server. In a real
//   run most of that work is done on background threads, and it ends. The collector is counted (but for a
//   collection that starts inside a compilation): it is the cost of what a request keeps.
// - V8 does not start incremental marking from a task (--no-incremental-marking-task): under valgrind a run takes
//   30-90 s instead of 3, and V8's marking task then started two full collections of the emulator's heap (at 26 of
//   a 58 MB limit) that the same 14,000 PUTs without valgrind never started (--trace-gc: one full collection, at
//   start-up, in both the real run and the flagged one). Runs under valgrind, which are slow, moved counts of
//   one build by 3-4%; with the flag counts mostly agree within 0.2%, though now and then a run of the same build
//   counts about 4% more (V8 tiering or pretenuring at another moment). The cost of it: in this window the old
//   generation does not reach its limit (neither server's), so the count holds no full collection; what a
//   request keeps is counted in its scavenges, but a long run's occasional full collection is not.
// - FEW is past the first wave of compilation; a 3,000-request window counted 415k or 490k a PUT of one build
//   (compilation included) by where it fell.
// - Each server is counted COUNTS times (a FEW and a MANY run each), and the figure is made of the lowest FEW
//   total and the lowest MANY total: a one-off event (the 4% above) adds to the run it falls in and never takes
//   away, and one in a FEW run would lower a difference (so the lowest difference would be the wrong pick). Every
//   total is recorded, and each count's own figure, so the spread shows.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

export const INSTRUCTION_SCENARIOS = ['desk PUT shareSettings', 'desk PUT shareSettings, changing', 'desk GET shareSettings'] as const;
export const FEW = 2000;
export const MANY = 14000;
/** How many times each server is counted (its lowest FEW and MANY totals make the figure). */
export const COUNTS = 2;

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
  /** Whether V8's optimizing compilation was counted (it was before the count left it out). */
  compilerCounted: boolean;
  /** Node's flags in the count (absent in results from before the count recorded them: --predictable only). */
  nodeFlags?: string[];
  /** Each count's own instructions a request, by server, in the order run (absent in results from single counts). */
  counts?: { emulator: number[]; ceiling: number[] };
  /** Each count's FEW and MANY totals, by server, in the order run (absent in results from single counts). */
  totals?: { emulator: { few: number; many: number }[]; ceiling: { few: number; many: number }[] };
}

const TARGET = join(__dirname, '..', 'instructions', 'target.js');

/** Collection toggles off on entering V8's optimizing compile and back on at its exit (the order matters: a toggle
 * option alone would start with collection off). */
const NOT_COUNTED = ['--toggle-collect=v8::internal::Compiler::CompileOptimized*', '--collect-atstart=yes'];
/** Node's flags for both servers (see the header for why each). */
const NODE_FLAGS = ['--predictable', '--no-incremental-marking-task'];

/** Total instructions callgrind collected for one run; the server's stdout (its log) is drained, as docker logs would. */
function collected(server: string, requests: number, scenario: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...NOT_COUNTED, process.execPath, ...NODE_FLAGS, TARGET, server, String(requests), scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    const counts: { emulator: number[]; ceiling: number[] } = { emulator: [], ceiling: [] };
    const totals: { emulator: { few: number; many: number }[]; ceiling: { few: number; many: number }[] } = { emulator: [], ceiling: [] };
    // Alternating servers, so a stretch of a busy machine does not fall on one server's counts only.
    for (let round = 0; round < COUNTS; round++) {
      for (const server of ['emulator', 'ceiling'] as const) {
        const few = await collected(server, FEW, scenario);
        const many = await collected(server, MANY, scenario);
        const perRequest = (many - few) / (MANY - FEW);
        totals[server].push({ few, many });
        counts[server].push(perRequest);
        log(`  ${scenario}, ${server}, count ${round + 1} of ${COUNTS}: ${Math.round(perRequest).toLocaleString('en-US')} instructions a request`);
      }
    }
    const lowest = (runs: readonly { few: number; many: number }[]): number => (Math.min(...runs.map((r) => r.many)) - Math.min(...runs.map((r) => r.few))) / (MANY - FEW);
    const emulator = lowest(totals.emulator);
    const ceiling = lowest(totals.ceiling);
    out.push({ scenario, emulator, ceiling, ratio: emulator / ceiling, few: FEW, many: MANY, compilerCounted: false, nodeFlags: NODE_FLAGS, counts, totals });
  }
  return out;
}
