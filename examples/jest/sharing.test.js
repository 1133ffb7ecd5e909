// Each test file gets its own namespace, so files running in parallel never see each other's writes.
const url = process.env.SHARE_EMULATOR_URL;
const namespace = { 'X-Emulator-Namespace': `sharing-${process.pid}` };
const desk = { ...namespace, Authorization: 'Api-Token dt0c01.abc12345.readwrite', 'Content-Type': 'application/json' };
const dashboard = '0b3a2c4e-1111-4222-8333-444455556666';

beforeEach(() => fetch(`${url}/_emulator/reset`, { method: 'POST', headers: namespace }));

test('sharing a DESK dashboard changes what the next GET returns', async () => {
  const settings = { id: dashboard, enabled: true, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] } };
  const put = await fetch(`${url}/api/config/v1/dashboards/${dashboard}/shareSettings`, { method: 'PUT', headers: desk, body: JSON.stringify(settings) });
  expect(put.status).toBe(204);
  const get = await fetch(`${url}/api/config/v1/dashboards/${dashboard}/shareSettings`, { headers: desk });
  expect((await get.json()).enabled).toBe(true);
});

test('the journal shows what the code under test sent', async () => {
  await fetch(`${url}/api/config/v1/dashboards`, { headers: desk });
  const journal = await (await fetch(`${url}/_emulator/requests?operationId=getDashboards`, { headers: namespace })).json();
  expect(journal.total).toBe(1);
  expect(journal.requests[0].request.headers.authorization).toBe('Api-Token ***');
});

test('an injected 503 in the vendor envelope', async () => {
  await fetch(`${url}/_emulator/faults`, {
    method: 'POST',
    headers: { ...namespace, 'Content-Type': 'application/json' },
    body: JSON.stringify({ match: { vendor: 'desk' }, action: { status: 503 }, times: 1 }),
  });
  const res = await fetch(`${url}/api/config/v1/dashboards`, { headers: desk });
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ error: { code: 503, message: 'Service Unavailable' } });
});
