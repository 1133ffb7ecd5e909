// The soak: the built emulator under full-speed mixed load for 60 s after a 10 s warm-up. Its RSS at the
// end must be within 10% of its RSS after warm-up (bounded journal, no per-request leak). Prints the figures.
// Usage: npm run bench:soak   (SOAK_SECONDS overrides the 60 s)
import { load } from './lib/load';
import { freePort, rssMiB, start, stop } from './lib/processes';
import { SCENARIOS } from './lib/scenarios';
import type { ServerDef } from './lib/servers';
import { readiness, serverDefs } from './lib/servers';
import { fmt } from './lib/stats';

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = 10;
const CONNECTIONS = 50;

async function mixedLoad(port: number, seconds: number): Promise<number> {
  const scenarios = Object.values(SCENARIOS);
  const slice = Math.max(1, Math.round(seconds / scenarios.length));
  let requests = 0;
  for (const scenario of scenarios) {
    const r = await load(port, scenario, CONNECTIONS, slice);
    if (r.wrong > 0) throw new Error(`${scenario.name}: ${r.wrong} wrong answers`);
    requests += r.total;
  }
  return requests;
}

async function main(): Promise<void> {
  const emulator = serverDefs().find((s) => s.name === 'emulator') as ServerDef;
  const port = await freePort();
  const started = await start(emulator.command, emulator.args(port), emulator.env(port), port, readiness(emulator));
  const { child } = started;
  try {
    await mixedLoad(port, WARMUP_SECONDS);
    const afterWarmup = rssMiB(child.pid);
    let peak = afterWarmup;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(child.pid))), 1000);
    const requests = await mixedLoad(port, SOAK_SECONDS);
    clearInterval(sampler);
    const atEnd = rssMiB(child.pid);
    const growth = (atEnd - afterWarmup) / afterWarmup;
    const ok = growth <= 0.1;
    // After the stop: a warning about dropped lines can come with the last lines, written at SIGTERM.
    await stop(child);
    console.log(
      `soak: ${fmt(requests)} requests in ${SOAK_SECONDS} s at ${CONNECTIONS} connections; RSS after warm-up ${fmt(afterWarmup, 1)} MiB, ` +
        `at the end ${fmt(atEnd, 1)} MiB (${growth >= 0 ? '+' : ''}${fmt(growth * 100, 1)}%), peak ${fmt(peak, 1)} MiB; limit +10%: ${ok ? 'PASS' : 'FAIL'}; ` +
        `log lines dropped because this reader fell behind: ${fmt(started.droppedLogLines())}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stop(child);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
