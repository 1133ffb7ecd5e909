// EnergyCAP's real callers, replayed request by request as their code sends them (../shared/research/
// real-clients.md section 3): the all-caps key header of a C# client, GETs without a Content-Type, the R loop
// over TotalPages (which asks for page 2 before page 1 when there is one page), the C# SDK's paging until an
// empty page, a Python script's filters, and the AutoRest SDKs' rule that anything but 200 on a share is an error.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { BASE, DASHBOARDS, KEYS } from './energycap-fixtures';

const { app } = testEmulator();

test('C# HttpClient: DefaultRequestHeaders.Add("ECI-APIKEY", ...) and GetStreamAsync (no Content-Type)', async () => {
  const res = await request(app).get(`${BASE}/dashboard/${DASHBOARDS.samShared}/share`).set('ECI-APIKEY', KEYS.sam).unset('content-type');
  expect(res.status).toBe(200);
  expect(res.body.sharedUsers.map((u: { userId: number }) => u.userId)).toEqual([4]);
});

test('R (httr): reads totalpages (lower-cased by httr), then for i in 2:pages asks page 2 and page 1 when pages is 1', async () => {
  const first = await request(app).get(`${BASE}/dashboard`).set('ECI-ApiKey', KEYS.sam);
  expect(first.status).toBe(200);
  const pages = Number(first.headers.totalpages);
  expect(pages).toBeGreaterThanOrEqual(1);
  const seen: number[] = first.body.map((d: { dashboardId: number }) => d.dashboardId);
  // R's 2:pages counts down to 1 when pages is 1; every page it asks for must still be a 200.
  const sequence = pages >= 2 ? Array.from({ length: pages - 1 }, (_, i) => i + 2) : [2, 1];
  for (const page of sequence) {
    const res = await request(app).get(`${BASE}/dashboard?pageNumber=${page}`).set('ECI-ApiKey', KEYS.sam);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    if (page > pages) expect(res.body).toEqual([]);
    if (page !== 1) seen.push(...res.body.map((d: { dashboardId: number }) => d.dashboardId));
  }
  expect(new Set(seen).size).toBe(Number(first.headers.totalnumberofrecords));
});

test('C# SDK: pages with pageSize until an empty page, ignoring the headers, and sees every record once', async () => {
  const first = await request(app).get(`${BASE}/dashboard?pageSize=2&pageNumber=1`).set('ECI-ApiKey', KEYS.sam);
  const total = Number(first.headers.totalnumberofrecords);
  const ids: number[] = [];
  for (let page = 1; page < 100; page++) {
    const res = await request(app).get(`${BASE}/dashboard?filter=&pageSize=2&pageNumber=${page}`).set('ECI-ApiKey', KEYS.sam);
    expect(res.status).toBe(200);
    if (res.body.length === 0) break;
    ids.push(...res.body.map((d: { dashboardId: number }) => d.dashboardId));
  }
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total);
});

test('Python requests: Content-type: application/json; charset=utf-8 on a GET and a percent-encoded raw filter', async () => {
  const res = await request(app)
    .get(`${BASE}/dashboard?filter=${encodeURIComponent("shared equals 'true'")}`)
    .set('ECI-ApiKey', KEYS.sam)
    .set('Content-type', 'application/json; charset=utf-8');
  expect(res.status).toBe(200);
  expect(res.body.length).toBeGreaterThan(0);
  expect(res.body.every((d: { shared: boolean }) => d.shared)).toBe(true);
});

test('AutoRest SDKs: PUT and GET share answer exactly 200 (a 201 or 204 would be an exception there)', async () => {
  const put = await request(app)
    .put(`${BASE}/dashboard/${DASHBOARDS.samPrivate}/share`)
    .set('ECI-ApiKey', KEYS.sam)
    .send({ sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [] });
  expect(put.status).toBe(200);
  const get = await request(app).get(`${BASE}/dashboard/${DASHBOARDS.samPrivate}/share`).set('ECI-ApiKey', KEYS.sam);
  expect(get.status).toBe(200);
  expect(get.body).toEqual(put.body);
});
