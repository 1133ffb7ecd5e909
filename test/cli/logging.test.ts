// Logging as a container's stdout carries it: every line of a burst arrives (lines are written off the
// request's path and flushed at SIGTERM), and LOG_FORMAT=json writes one JSON object a line in pino's shape.
import http from 'node:http';
import { DASHBOARDS, TOKENS } from '../desk/desk-fixtures';
import { startEmulatorProcess } from '../support/process';

jest.setTimeout(60000);

function get(url: string, path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}${path}`, { agent, headers: { authorization: `Api-Token ${TOKENS.readOnly}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Sends `count` requests, `concurrency` at a time, each to a path of its own so lines can be told apart. */
async function burst(url: string, count: number, concurrency: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        expect(await get(url, `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings?n=${i}`, agent)).toBe(200);
      }
    }),
  );
  agent.destroy();
}

test('text: 3,000 requests in a burst, then SIGTERM: all 3,000 request lines are on stdout, then "stopped"', async () => {
  const proc = await startEmulatorProcess(['--port', '0']);
  await burst(proc.url, 3000, 20);
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toEqual({ code: 0, signal: null });
  const lines = proc.output().split('\n');
  const requests = lines.filter((l) => / INFO {2}GET \/api\/config\/v1\/dashboards\/\S+\/shareSettings 200 [\d.]+ms desk\.getDashboardShareSettings \S+$/.test(l));
  expect(requests).toHaveLength(3000);
  expect(lines.filter(Boolean).at(-1)).toMatch(/ INFO {2}stopped$/);
});

test('json: one object a line with level, time, msg, request id, vendor, operation, status and duration', async () => {
  const proc = await startEmulatorProcess(['--port', '0'], { LOG_FORMAT: 'json' });
  const agent = new http.Agent({ keepAlive: true });
  expect(await get(proc.url, `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings`, agent)).toBe(200);
  agent.destroy();
  proc.child.kill('SIGTERM');
  expect((await proc.exited).code).toBe(0);
  const records = proc.output().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/^share-emulator .* listening on http:/) });
  const request = records.find((r) => r.msg === 'request');
  expect(request).toEqual({
    level: 30,
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    msg: 'request',
    reqId: expect.any(String),
    method: 'GET',
    path: `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings`,
    status: 200,
    durationMs: expect.any(Number),
    vendor: 'desk',
    operation: 'getDashboardShareSettings',
  });
  expect(records.at(-1)).toMatchObject({ level: 30, msg: 'stopped' });
});
