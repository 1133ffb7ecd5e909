// The `find` of a share `get`: the shared where/attributes/order/paging (find.ts) plus the include of the
// linked Securable, Locale and User, and the id lookup that spares a scan when the where names its shares.
import { BadRequest } from '../../core/errors';
import type { EntityFields, FindBase, WherePlan } from './find';
import { pickAttributes } from './find';
import type { LuzmoState, ShareField, ShareRecord } from './state';
import { SHARE_FIELDS, securableView } from './state';

export interface Find extends FindBase {
  include?: { model: 'Securable' | 'Locale' | 'User'; attributes?: string[] }[];
}

export const SHARE_ENTITY: EntityFields<ShareField> = { entity: 'share', fields: SHARE_FIELDS };

const INCLUDE_KEYS = { Securable: 'securable', Locale: 'locale', User: 'user' } as const; // [A] singular keys

/** The share ids a plan is limited to (its first condition on `id`), or undefined when it names none. */
export function namedShareIds(plan: WherePlan<ShareField>): unknown[] | undefined {
  const byId = plan.conditions.find((c) => c.field === 'id');
  return byId ? [...new Set(byId.values)] : undefined;
}

export function shareRow(share: ShareRecord, state: LuzmoState, find: Find): Record<string, unknown> {
  const row = pickAttributes(SHARE_ENTITY, share, find.attributes);
  for (const include of find.include ?? []) {
    row[INCLUDE_KEYS[include.model]] = included(include, share, state);
  }
  return row;
}

function included(include: NonNullable<Find['include']>[number], share: ShareRecord, state: LuzmoState): Record<string, unknown> | null {
  let entity: Record<string, unknown> | null;
  if (include.model === 'Securable') {
    const d = share.securable_id ? state.dashboards.get(share.securable_id) : undefined;
    entity = d ? securableView(d) : null;
  } else if (include.model === 'Locale') {
    const l = share.locale_id ? state.locales.get(share.locale_id) : undefined;
    entity = l ? { id: l.id, name: l.name } : null;
  } else {
    const u = state.users.get(share.user_id);
    entity = u ? { id: u.id, name: u.name, email: u.email } : null;
  }
  return entity && include.attributes ? pickIncluded(include.model, entity, include.attributes) : entity;
}

/** An included entity reduced to its `attributes`; own properties only (`constructor` is not an attribute). */
export function pickIncluded(model: string, entity: Record<string, unknown>, attributes: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const a of attributes) {
    if (!Object.hasOwn(entity, a)) throw new BadRequest(`Unknown ${model} attribute '${a}' in find.include.`);
    picked[a] = entity[a];
  }
  return picked;
}
