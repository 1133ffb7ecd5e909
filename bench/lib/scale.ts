// State documents with many records, loaded through the control plane to see what size does to memory
// and to the cost of a request: each vendor's built-in fixture plus `count` generated records, laid out
// so that every scale probe (scenarios.ts SCALE_PROBES) gets the same answer body at 100 and at 100,000
// records: DESK owners own 10 dashboards each, the EnergyCAP caller can read more than one page, the
// Luzmo probe names one share by id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './servers';
import { DESK_DASHBOARD } from './scenarios';

function fixture<T>(vendor: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', vendor, 'state.json'), 'utf8')) as T;
}

function uuid(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** Dashboards per generated DESK owner: the owner probe lists this many at every scale. */
export const DASHBOARDS_PER_OWNER = 10;

export function deskOwner(n: number): string {
  return `owner-${n}@example.com`;
}

/** The built-in DESK fixture plus `count` generated dashboards (the benchmark's dashboard stays in it). */
export function deskState(count: number): unknown {
  const doc = fixture<{ environments: { dashboards: unknown[] }[] }>('desk');
  const env = doc.environments[0] as { dashboards: { id: string }[] };
  for (let i = 0; i < count; i++) {
    env.dashboards.push({
      id: uuid(i + 1),
      dashboardMetadata: { name: `Dashboard ${i}`, owner: deskOwner(Math.floor(i / DASHBOARDS_PER_OWNER)), tags: [`team-${i % 20}`] },
      tiles: [],
      shareSettings: i % 3 === 0 ? { enabled: true, permissions: [{ id: `user-${i}`, permission: 'VIEW', type: 'USER' }], managementZoneIds: [] } : undefined,
    } as unknown as { id: string });
  }
  if (!env.dashboards.some((d) => d.id === DESK_DASHBOARD)) throw new Error('the benchmark dashboard must stay in the state');
  return JSON.parse(JSON.stringify(doc));
}

/** The built-in Luzmo fixture plus `count` generated shares of Olivia and Victor (the probed share stays in it). */
export function luzmoState(count: number): unknown {
  const doc = fixture<{ users: { id: string }[]; shares: unknown[] }>('luzmo');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const users = [doc.users[0]?.id, doc.users[1]?.id]; // Olivia, Victor
  for (let i = 0; i < count; i++) {
    let id = '';
    for (let n = i, k = 0; k < 16; k++, n = Math.floor(n / 36)) id = (alphabet[n % 36] as string) + id;
    const olivia = i % 2 === 0;
    doc.shares.push({ id, user_id: users[i % 2], securable_id: olivia && i % 4 === 0 ? '7d8278b3-e1ef-43d0-b459-7b9f65f5be4b' : null, locale_id: null });
  }
  return doc;
}

/**
 * The built-in EnergyCAP fixture plus `count` generated dashboards (ids from 1000), created by the seven
 * users in turn; two in three are shared with Sam (with everyone, or with Sam and Vera), the rest with
 * the Facilities group or nobody; one in ten is public.
 */
export function energycapState(count: number): unknown {
  const doc = fixture<{ dashboards: unknown[] }>('energycap');
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const isPublic = i % 10 === 0;
    doc.dashboards.push({
      dashboardId: 1000 + i,
      dashboardInfo: `Dashboard ${i}`,
      description: null,
      createdBy: 1 + (i % 7),
      createdDate: '2025-02-01T08:00:00.000Z',
      sharedWithEveryone: kind === 0,
      sharedUserIds: kind === 1 ? [1, 4] : [],
      sharedUserGroupIds: kind === 2 && i % 2 === 0 ? [10] : [],
      public: isPublic,
      ...(isPublic ? { key: `k${i.toString(16).padStart(31, '0')}` } : {}),
    });
  }
  return doc;
}
