// A client written from EnergyCAP's documentation (ECI-ApiKey, Content-Type on every call, GET included)
// shares, re-shares and unshares a dashboard through the emulator on a real port.
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, KEYS } from './energycap-fixtures';

interface ShareRequest {
  sharedWithEveryone: boolean;
  sharedUserIds: number[];
  sharedUserGroupIds: number[];
}

/** What an integrator builds from developer.energycap.com: base URL + API key, JSON both ways. */
class EnergyCapClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}/api/v3${path}`, {
      method,
      headers: { 'ECI-ApiKey': this.apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  getShare(dashboardId: number) {
    return this.call('GET', `/dashboard/${dashboardId}/share`);
  }

  editShare(dashboardId: number, share: ShareRequest) {
    return this.call('PUT', `/dashboard/${dashboardId}/share`, share);
  }

  getDashboard(dashboardId: number) {
    return this.call('GET', `/dashboard/${dashboardId}`);
  }

  listDashboards(filter?: string) {
    return this.call('GET', `/dashboard${filter ? `?filter=${encodeURIComponent(filter)}` : ''}`);
  }
}

let server: RunningServer;
beforeAll(async () => {
  server = await listen(testEmulator().app, 0, '127.0.0.1');
});
afterAll(() => server.close(1000));

test('share with a user and a group, re-share with everyone, unshare completely', async () => {
  const sam = new EnergyCapClient(server.url, KEYS.sam);
  const vera = new EnergyCapClient(server.url, KEYS.vera);
  const id = DASHBOARDS.samPrivate;

  expect((await vera.getDashboard(id)).status).toBe(404);

  const shared = await sam.editShare(id, { sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [10] });
  expect(shared.status).toBe(200);
  expect(shared.body).toEqual((await sam.getShare(id)).body);
  expect((await vera.getDashboard(id)).status).toBe(200);
  expect(((await sam.listDashboards("shared equals 'true'")).body as { dashboardId: number }[]).map((d) => d.dashboardId)).toContain(id);

  const everyone = await sam.editShare(id, { sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] });
  expect(everyone.body).toEqual({ sharedWithEveryone: true, sharedUsers: [], sharedUserGroups: [] });

  // "To remove sharing completely set SharedWithEveryone to false, SharedUserIds to [], and SharedUserGroupIds to []"
  const unshared = await sam.editShare(id, { sharedWithEveryone: false, sharedUserIds: [], sharedUserGroupIds: [] });
  expect(unshared.body).toEqual({ sharedWithEveryone: false, sharedUsers: [], sharedUserGroups: [] });
  expect((await sam.getDashboard(id)).body).toMatchObject({ shared: false });
  expect((await vera.getDashboard(id)).status).toBe(404);
  expect((await vera.editShare(id, { sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] })).status).toBe(404);
});
