// The `find` of a share `get`: Sequelize-style where (equality and `in`), attributes, order, limit,
// offset and include of the linked Securable, Locale and User. Unknown fields and operators are a 400.
import { BadRequest } from '../../core/errors';
import type { LuzmoState, ShareField, ShareRecord } from './state';
import { SHARE_FIELDS } from './state';

export interface Find {
  where?: Record<string, unknown>;
  attributes?: string[];
  include?: { model: 'Securable' | 'Locale' | 'User'; attributes?: string[] }[];
  order?: (string | string[])[];
  limit?: number;
  offset?: number;
}

const INCLUDE_KEYS = { Securable: 'securable', Locale: 'locale', User: 'user' } as const; // [A] singular keys

function isShareField(name: string): name is ShareField {
  return (SHARE_FIELDS as readonly string[]).includes(name);
}

function shareField(name: unknown, where: string): ShareField {
  if (typeof name !== 'string' || !isShareField(name)) throw new BadRequest(`Unknown share attribute '${String(name)}' in ${where}.`);
  return name;
}

/** One condition of a `where`: equality, or membership of an `in` list. */
interface WhereCondition {
  field: ShareField;
  test(value: unknown): boolean;
  /** The only values the field can have to pass. */
  values: readonly unknown[];
}

/**
 * A `where` read once per request. A scan stops at a share's first false condition, so the first invalid
 * condition (unknown field or operator) is a 400 exactly when some visible share meets every condition
 * before it; a where with an invalid condition otherwise matches nothing.
 */
export interface WherePlan {
  conditions: WhereCondition[];
  error?: BadRequest;
}

export function planWhere(where: Record<string, unknown> | undefined): WherePlan {
  const conditions: WhereCondition[] = [];
  if (!where) return { conditions };
  for (const [name, condition] of Object.entries(where)) {
    let field: ShareField;
    try {
      field = shareField(name, 'find.where');
    } catch (error) {
      return { conditions, error: error as BadRequest };
    }
    if (condition === null || typeof condition !== 'object') {
      conditions.push({ field, test: (value) => value === condition, values: [condition] });
      continue;
    }
    const ops = Object.keys(condition);
    if (ops.length === 1 && ops[0] === 'in' && Array.isArray((condition as { in: unknown }).in)) {
      const list = (condition as { in: unknown[] }).in;
      conditions.push({ field, test: (value) => list.includes(value), values: list });
      continue;
    }
    return { conditions, error: new BadRequest(`Unsupported condition on '${name}' in find.where: only equality and {"in": [...]} are supported.`) };
  }
  return { conditions };
}

/** True when the share meets every valid condition of the plan. */
export function meetsWhere(share: ShareRecord, plan: WherePlan): boolean {
  for (const c of plan.conditions) if (!c.test(share[c.field])) return false;
  return true;
}

/** The share ids a plan is limited to (its first condition on `id`), or undefined when it names none. */
export function namedShareIds(plan: WherePlan): unknown[] | undefined {
  const byId = plan.conditions.find((c) => c.field === 'id');
  return byId ? [...new Set(byId.values)] : undefined;
}

export function sortShares(shares: ShareRecord[], order: Find['order']): ShareRecord[] {
  if (!order || order.length === 0) return shares;
  const keys = order.map((entry) => {
    const [name, direction = 'asc'] = Array.isArray(entry) ? entry : [entry];
    const dir = direction.toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw new BadRequest(`Order direction must be asc or desc, got '${direction}'.`);
    return { field: shareField(name, 'find.order'), sign: dir === 'asc' ? 1 : -1 };
  });
  return [...shares].sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = a[field] ?? '';
      const y = b[field] ?? '';
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  });
}

export function shareRow(share: ShareRecord, state: LuzmoState, find: Find): Record<string, unknown> {
  const attributes = find.attributes?.map((a) => shareField(a, 'find.attributes')) ?? SHARE_FIELDS;
  const row: Record<string, unknown> = {};
  for (const a of attributes) row[a] = share[a];
  for (const include of find.include ?? []) {
    row[INCLUDE_KEYS[include.model]] = included(include, share, state);
  }
  return row;
}

function included(include: NonNullable<Find['include']>[number], share: ShareRecord, state: LuzmoState): Record<string, unknown> | null {
  let entity: Record<string, unknown> | null;
  if (include.model === 'Securable') {
    const d = share.securable_id ? state.dashboards.get(share.securable_id) : undefined;
    entity = d ? { id: d.id, type: 'dashboard', name: { ...d.name } } : null;
  } else if (include.model === 'Locale') {
    const l = share.locale_id ? state.locales.get(share.locale_id) : undefined;
    entity = l ? { id: l.id, name: l.name } : null;
  } else {
    const u = state.users.get(share.user_id);
    entity = u ? { id: u.id, name: u.name, email: u.email } : null;
  }
  if (!entity || !include.attributes) return entity;
  const picked: Record<string, unknown> = {};
  for (const a of include.attributes) {
    // Own properties only: `constructor`, `toString` and `__proto__` are not attributes of a Securable.
    if (!Object.hasOwn(entity, a)) throw new BadRequest(`Unknown ${include.model} attribute '${a}' in find.include.`);
    picked[a] = entity[a];
  }
  return picked;
}
