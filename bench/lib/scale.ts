// State documents with many records, loaded through the control plane to see what size does to memory
// and to the cost of a request: DESK dashboards in the default environment, Luzmo shares of one user.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './servers';
import { DESK_DASHBOARD } from './scenarios';

function uuid(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** The built-in DESK fixture plus `count` generated dashboards (the benchmark's dashboard stays in it). */
export function deskState(count: number): unknown {
  const doc = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'desk', 'state.json'), 'utf8')) as { environments: { dashboards: unknown[] }[] };
  const env = doc.environments[0] as { dashboards: { id: string }[] };
  for (let i = 0; i < count; i++) {
    env.dashboards.push({
      id: uuid(i + 1),
      dashboardMetadata: { name: `Dashboard ${i}`, owner: `owner-${i % 50}@example.com`, tags: [`team-${i % 20}`] },
      tiles: [],
      shareSettings: i % 3 === 0 ? { enabled: true, permissions: [{ id: `user-${i}`, permission: 'VIEW', type: 'USER' }], managementZoneIds: [] } : undefined,
    } as unknown as { id: string });
  }
  if (!env.dashboards.some((d) => d.id === DESK_DASHBOARD)) throw new Error('the benchmark dashboard must stay in the state');
  return JSON.parse(JSON.stringify(doc));
}

/** The built-in Luzmo fixture plus `count` generated shares of Olivia. */
export function luzmoState(count: number): unknown {
  const doc = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'luzmo', 'state.json'), 'utf8')) as { shares: unknown[] };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < count; i++) {
    let id = '';
    for (let n = i, k = 0; k < 16; k++, n = Math.floor(n / 36)) id = (alphabet[n % 36] as string) + id;
    doc.shares.push({ id, user_id: '444e2d0c-8dfb-45c1-bb97-52cb9264671f', securable_id: i % 2 === 0 ? '7d8278b3-e1ef-43d0-b459-7b9f65f5be4b' : null, locale_id: null });
  }
  return doc;
}
