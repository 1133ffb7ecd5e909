// Names from fixtures/desk/state.json used across the DESK tests.

export const ENV = 'abc12345';
export const MANAGED_ENV = 'mgd00001';

export const TOKENS = {
  readWrite: 'dt0c01.abc12345.readwrite',
  readOnly: 'dt0c01.abc12345.readonly',
  writeOnly: 'dt0c01.abc12345.writeonly',
  noConfig: 'dt0c01.abc12345.noconfig',
  managedReadWrite: 'dt0c01.mgd00001.readwrite',
} as const;

export const DASHBOARDS = {
  /** Shared with a user and a group, with two public zone links. */
  operations: '7dd386fe-2b42-4b4e-9d1c-6f1f3b0a5a01',
  /** Never shared. */
  backlog: '0b3a2c4e-1111-4222-8333-444455556666',
  /** Shared via an ALL link, no public access. */
  release: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f5',
  /** A preset: shared with all users, its share settings refuse updates that keep it a preset. */
  preset: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
  /** In the managed environment. */
  managed: '5e8a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b',
} as const;

export const UNKNOWN_DASHBOARD = 'e03f4be0-4712-4f12-96ee-8c486d001e9c';

export function auth(token: string): Record<string, string> {
  return { authorization: `Api-Token ${token}` };
}

/** SaaS base (default environment) or the Managed base of an environment. */
export function base(environment?: string): string {
  return environment ? `/e/${environment}/api/config/v1` : '/api/config/v1';
}

export function shareBody(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, enabled: true, preset: false, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] }, ...overrides };
}

export function dashboardBody(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dashboardMetadata: { name, owner: 'dora@example.com', tags: ['new'] },
    tiles: [{ name: 'Markdown', tileType: 'MARKDOWN', configured: true, bounds: { top: 0, left: 0, width: 304, height: 152 }, markdown: 'hi' }],
    ...overrides,
  };
}
