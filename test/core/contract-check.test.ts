// The response contract check the suites rely on must itself catch drift: an undeclared property, a wrong
// type, an undocumented status, a body where none is documented, and a wrong content type.
import { createEmulator } from '../../src/emulator';
import { createLogger } from '../../src/core/log';
import { ResponseValidator } from '../../src/core/validation/response-validator';

const runtime = createEmulator({ logger: createLogger('silent') }).runtimes.find((r) => r.name === 'desk');
if (!runtime) throw new Error('desk runtime missing');
const validator = new ResponseValidator('desk', runtime.spec, runtime.table);
const json = 'application/json;charset=utf-8';
const share = { id: 'x', enabled: true, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } };

test('a required response header that is missing is reported', () => {
  const ec = createEmulator({ logger: createLogger('silent') }).runtimes.find((r) => r.name === 'energycap');
  if (!ec) throw new Error('energycap runtime missing');
  const paging = new ResponseValidator('energycap', ec.spec, ec.table);
  const response = { operationId: 'GetUsersV3', status: 200, contentType: 'application/json', text: '[]' };
  expect(paging.check({ ...response, headerNames: ['PageNumber', 'PageSize', 'TotalNumberOfRecords', 'TotalPages'] })).toEqual([]);
  expect(paging.check({ ...response, headerNames: ['PageNumber', 'PageSize', 'TotalPages'] })).toEqual([
    'GetUsersV3 200 is missing the required header totalnumberofrecords',
  ]);
});

test('a conforming response passes', () => {
  expect(validator.check({ operationId: 'getDashboardShareSettings', status: 200, contentType: json, text: JSON.stringify(share) })).toEqual([]);
  expect(validator.check({ operationId: 'updateDashboardShareSettings', status: 204, contentType: undefined, text: '' })).toEqual([]);
});

test.each([
  ['an undeclared property', { operationId: 'getDashboardShareSettings', status: 200, contentType: json, text: JSON.stringify({ ...share, extra: 1 }) }, /extra|unevaluated/],
  ['a wrong type', { operationId: 'getDashboardShareSettings', status: 200, contentType: json, text: JSON.stringify({ ...share, enabled: 'true' }) }, /enabled/],
  ['an undocumented status', { operationId: 'getDashboardShareSettings', status: 418, contentType: json, text: '{}' }, /418 is not documented/],
  ['a body on a body-less status', { operationId: 'updateDashboardShareSettings', status: 204, contentType: json, text: '{}' }, /without a body/],
  ['a wrong content type', { operationId: 'getDashboardShareSettings', status: 200, contentType: 'text/plain', text: JSON.stringify(share) }, /content-type/],
  ['an error envelope without code', { operationId: 'getDashboard', status: 404, contentType: json, text: '{"error":{"message":"x"}}' }, /code/],
])('%s is reported', (_name, response, pattern) => {
  const problems = validator.check(response);
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.join('\n')).toMatch(pattern);
});
