// The ports the tests and benchmarks draw for child processes: below the kernel's ephemeral range (which any
// listen(0) may hand out), and, in a Jest worker, from a slice no other worker draws from.
import { readFileSync } from 'node:fs';
import type * as Processes from '../../bench/lib/processes';

async function drawn(workerId: string | undefined, count: number): Promise<number[]> {
  const saved = process.env.JEST_WORKER_ID;
  if (workerId === undefined) delete process.env.JEST_WORKER_ID;
  else process.env.JEST_WORKER_ID = workerId;
  try {
    let freePort: () => Promise<number> = async () => 0;
    jest.isolateModules(() => {
      ({ freePort } = jest.requireActual<typeof Processes>('../../bench/lib/processes'));
    });
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(await freePort());
    return out;
  } finally {
    if (saved === undefined) delete process.env.JEST_WORKER_ID;
    else process.env.JEST_WORKER_ID = saved;
  }
}

const ephemeralLow = (): number => Number.parseInt(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'), 10);

test('two Jest workers draw from slices that do not overlap, both below the ephemeral range', async () => {
  const one = await drawn('1', 40);
  const two = await drawn('2', 40);
  expect(Math.max(...one)).toBeLessThan(Math.min(...two));
  expect(Math.max(...one, ...two)).toBeLessThan(ephemeralLow());
  expect(Math.min(...one, ...two)).toBeGreaterThanOrEqual(1024);
});

test('outside Jest (the benchmarks) the whole range below the ephemeral one is drawn from', async () => {
  const ports = await drawn(undefined, 60);
  expect(Math.max(...ports)).toBeLessThan(ephemeralLow());
  // Wider than one worker's eighth of the range.
  const one = await drawn('1', 60);
  expect(Math.max(...ports) - Math.min(...ports)).toBeGreaterThan(Math.max(...one) - Math.min(...one));
});
