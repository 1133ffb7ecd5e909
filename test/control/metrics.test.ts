// GET /_emulator/metrics as Prometheus reads it: the text is parsed with a Prometheus text-format parser,
// and each metric moves with what the emulator does (requests, latency, faults, journal, namespaces, records).
import request from 'supertest';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base, dashboardBody } from '../desk/desk-fixtures';

interface Family {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; count?: string; buckets?: Record<string, string> }[];
}

async function scrape(app: ReturnType<typeof testEmulator>['app'], token?: string): Promise<Map<string, Family>> {
  let req = request(app).get('/_emulator/metrics');
  if (token) req = req.set('authorization', `Bearer ${token}`);
  const res = await req;
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Map((parsePrometheusTextFormat(res.text) as Family[]).map((f) => [f.name, f]));
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number => {
  const family = families.get(name);
  const metric = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(metric?.value ?? metric?.count ?? 0);
};

test('requests by vendor, operation and status, and the latency histogram, count every answer', async () => {
  const { app } = testEmulator();
  const shareSettings = { vendor: 'desk', operation: 'getDashboardShareSettings', status: '200' };
  const before = await scrape(app);
  expect(before.get('share_emulator_requests_total')?.type).toBe('COUNTER');
  for (let i = 0; i < 3; i++) await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(auth(TOKENS.readOnly)).expect(200);
  await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).expect(401);
  const after = await scrape(app);
  expect(value(after, 'share_emulator_requests_total', shareSettings) - value(before, 'share_emulator_requests_total', shareSettings)).toBe(3);
  expect(value(after, 'share_emulator_requests_total', { ...shareSettings, status: '401' })).toBe(1);
  const histogram = after.get('share_emulator_request_duration_seconds');
  expect(histogram?.type).toBe('HISTOGRAM');
  // The parser keeps a histogram's buckets but not its labels; only DESK was called, so there is one series.
  expect(histogram?.metrics).toHaveLength(1);
  const observed = (families: Map<string, Family>) => Number(families.get('share_emulator_request_duration_seconds')?.metrics[0]?.buckets?.['+Inf'] ?? 0);
  expect(observed(after) - observed(before)).toBe(4);
  // Cumulative buckets in ascending bounds, ending at the count; the sum is the seconds observed. (The parser gives
  // the buckets as an object, so the integer bound '1' comes first, and drops a labelled series' sum and count.)
  const buckets = (histogram?.metrics[0] as { buckets: Record<string, string> }).buckets;
  const bounds = Object.keys(buckets).sort((x, y) => Number(x.replace('+Inf', 'Infinity')) - Number(y.replace('+Inf', 'Infinity')));
  expect(bounds).toEqual(['0.0005', '0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf']);
  const counts = bounds.map((bound) => Number(buckets[bound]));
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1] as number);
  const text = (await request(app).get('/_emulator/metrics')).text;
  const sample = (suffix: string): number => Number(new RegExp(`^share_emulator_request_duration_seconds_${suffix}\\{vendor="desk"\\} (\\S+)$`, 'm').exec(text)?.[1]);
  expect(sample('count')).toBe(counts.at(-1));
  expect(sample('sum')).toBeGreaterThan(0);
  expect(sample('sum')).toBeLessThan(sample('count') * 2.5);
});

test('a request that took 60 ms is counted in no bucket below 0.06 s', async () => {
  const { app } = testEmulator();
  await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(auth(TOKENS.readOnly)).set('x-emulator-fault', 'delay=60').expect(200);
  const buckets = ((await scrape(app)).get('share_emulator_request_duration_seconds')?.metrics[0] as { buckets: Record<string, string> }).buckets;
  for (const [bound, count] of Object.entries(buckets)) expect([bound, Number(count)]).toEqual([bound, bound === '+Inf' || Number(bound) >= 0.06 ? 1 : 0]);
});

test('faults fired, journal entries and bytes, namespaces alive, records per vendor', async () => {
  const { app, journal } = testEmulator();
  const before = await scrape(app);
  await request(app).post('/_emulator/faults').send({ match: { vendor: 'desk' }, action: { status: 503 }, times: 1 }).expect(201);
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly)).expect(503);
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly)).set('x-emulator-fault', 'status=500').expect(500);
  await request(app).post(`${base()}/dashboards`).set(auth(TOKENS.readWrite)).send(dashboardBody('metrics')).expect(201);
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly)).set('x-emulator-namespace', 'metrics-ns').expect(200);
  const after = await scrape(app);
  expect(value(after, 'share_emulator_faults_fired_total', { vendor: 'desk' })).toBe(2);
  expect(value(after, 'share_emulator_journal_entries')).toBe(journal.size);
  expect(value(after, 'share_emulator_journal_entries')).toBe(value(before, 'share_emulator_journal_entries') + 4);
  expect(value(after, 'share_emulator_journal_bytes')).toBe(journal.bytes);
  expect(value(after, 'share_emulator_namespaces')).toBe(value(before, 'share_emulator_namespaces') + 1);
  // The new namespace starts from the fixtures: its dashboards count too, plus the one created in default.
  const dashboards = (families: Map<string, Family>) => value(families, 'share_emulator_records', { vendor: 'desk', kind: 'dashboards' });
  expect(dashboards(before)).toBeGreaterThan(0);
  expect(dashboards(after)).toBe(2 * dashboards(before) + 1);
  expect(value(after, 'share_emulator_records', { vendor: 'luzmo', kind: 'shares' })).toBeGreaterThan(0);
});

test('with metrics off, nothing is counted and the endpoint says so with a 404', async () => {
  const { app } = testEmulator({ metrics: false });
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly)).expect(200);
  const res = await request(app).get('/_emulator/metrics');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: 'Metrics are off (METRICS=off)' });
});

test('behind the admin token like the rest of the control plane', async () => {
  const { app } = testEmulator({ adminToken: 's3cret' });
  expect((await request(app).get('/_emulator/metrics')).status).toBe(401);
  const families = await scrape(app, 's3cret');
  expect(families.has('share_emulator_requests_total')).toBe(true);
});
