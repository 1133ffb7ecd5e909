// Names from fixtures/energycap/state.json used across the EnergyCAP tests.

export const KEYS = {
  /** Sam: creator who may share (SharedDashboardsOrMaps View, Create, Edit; UsersAndUserGroups View). */
  sam: 'eci.sam.key',
  /** Carl: creator who may not share (SharedDashboardsOrMaps View only). */
  carl: 'eci.carl.key',
  /** Ada: DashboardAdministrator Manage, UsersAndUserGroups View, PublicDashboardsOrMaps Manage (no SharedDashboardsOrMaps). */
  ada: 'eci.ada.key',
  /** Vera: viewer (SharedDashboardsOrMaps View), member of Finance. */
  vera: 'eci.vera.key',
  /** Gus: viewer, member of Facilities. */
  gus: 'eci.gus.key',
  /** Nora: no dashboard permissions, member of Finance. */
  nora: 'eci.nora.key',
  /** Ian: an inactive user. */
  ian: 'eci.ian.key',
} as const;

export const BEARER = { sam: 'bearer-sam', ada: 'bearer-ada' } as const;

export const DASHBOARDS = {
  /** Sam's, private. */
  samPrivate: 100,
  /** Sam's, shared with Vera (user 4) and Facilities (group 10). */
  samShared: 101,
  /** Carl's, public with a key, not shared. */
  carlPublic: 102,
  /** Sam's, shared with everyone. */
  samEveryone: 103,
  /** Carl's, private. */
  carlPrivate: 104,
  /** Carl's map, shared with Finance (group 11: Vera and Nora). */
  carlFinance: 105,
} as const;

export const BASE = '/api/v3';

export function key(k: string): Record<string, string> {
  return { 'ECI-ApiKey': k };
}

export const NOT_FOUND = { message: 'The requested resource was not found. Verify the ID or path is correct.' };
