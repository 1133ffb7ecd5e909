// The benchmark scenarios on the built-in fixtures: DESK valid PUT shareSettings (the same settings again, and
// settings that change every time), invalid PUT and GET shareSettings; a Luzmo get through the RPC path; an
// EnergyCAP PUT share.
import type { Scenario } from './load';

export const DESK_DASHBOARD = '0b3a2c4e-1111-4222-8333-444455556666';
export const DESK_SHARE_PATH = `/api/config/v1/dashboards/${DESK_DASHBOARD}/shareSettings`;
const deskHeaders = { authorization: 'Api-Token dt0c01.abc12345.readwrite', 'content-type': 'application/json' };

export const VALID_SHARE = JSON.stringify({
  id: DESK_DASHBOARD,
  enabled: true,
  permissions: [{ id: 'user-1', permission: 'VIEW', type: 'USER' }],
  publicAccess: { managementZoneIds: ['default'] },
});
/** VALID_SHARE with the user's permission raised to EDIT: sent in turn with it, every PUT changes the settings. */
export const EDIT_SHARE = JSON.stringify({ ...(JSON.parse(VALID_SHARE) as object), permissions: [{ id: 'user-1', permission: 'EDIT', type: 'USER' }] });
export const INVALID_SHARE = JSON.stringify({ enabled: 'yes', permissions: [{ permission: 'OWN', type: 'USER' }], publicAccess: {} });

export const SCENARIOS: Record<string, Scenario> = {
  'desk PUT shareSettings': { name: 'desk PUT shareSettings', method: 'PUT', path: DESK_SHARE_PATH, headers: deskHeaders, body: VALID_SHARE, expect: 204 },
  'desk PUT shareSettings, changing': { name: 'desk PUT shareSettings, changing', method: 'PUT', path: DESK_SHARE_PATH, headers: deskHeaders, bodies: [VALID_SHARE, EDIT_SHARE], expect: 204 },
  'desk PUT invalid': { name: 'desk PUT invalid', method: 'PUT', path: DESK_SHARE_PATH, headers: deskHeaders, body: INVALID_SHARE, expect: 400 },
  'desk GET shareSettings': { name: 'desk GET shareSettings', method: 'GET', path: DESK_SHARE_PATH, headers: { authorization: deskHeaders.authorization }, expect: 200 },
  // autocannon cannot send SEARCH; the Python and Java SDKs send get as POST, on the same RPC path.
  'luzmo get': {
    name: 'luzmo get',
    method: 'POST',
    path: '/0.1.0/share',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'get', find: { where: { id: 'lz6dmtgusy8lkvnr' } }, key: 'key-olivia', token: 'token-olivia', version: '0.1.0' }),
    expect: 200,
  },
  'energycap PUT share': {
    name: 'energycap PUT share',
    method: 'PUT',
    path: '/api/v3/dashboard/100/share',
    headers: { 'ECI-ApiKey': 'eci.sam.key', 'content-type': 'application/json' },
    body: JSON.stringify({ sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [10] }),
    expect: 200,
  },
};

/**
 * The scale probes: one realistic read per vendor whose answer has the same body at 100 and at 100,000
 * records (the headers' totals aside), so that any slow-down is the cost of the records themselves. The
 * two DESK shareSettings scenarios above are probed too. Unfiltered DESK lists and unfiltered Luzmo gets
 * return every record, so their probes filter, as a user with that many records would.
 */
export const SCALE_PROBES: Record<string, Scenario> = {
  // Luzmo: one share by id (the Python and Java SDKs' get), as in the load scenario.
  'luzmo get where id': { ...(SCENARIOS['luzmo get'] as Scenario), name: 'luzmo get where id' },
  // EnergyCAP: the first page of 50 of the dashboards Sam may read (the list is ordered by id).
  'energycap GET dashboards page': {
    name: 'energycap GET dashboards page',
    method: 'GET',
    path: '/api/v3/dashboard?pageNumber=1&pageSize=50',
    headers: { 'ECI-ApiKey': 'eci.sam.key' },
    expect: 200,
  },
  // DESK: the dashboards of one owner (10 at every scale; see scale.ts).
  'desk GET dashboards by owner': {
    name: 'desk GET dashboards by owner',
    method: 'GET',
    path: `/api/config/v1/dashboards?owner=${encodeURIComponent('owner-3@example.com')}`,
    headers: { authorization: deskHeaders.authorization },
    expect: 200,
  },
};
