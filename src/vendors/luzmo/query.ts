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

export function matchesWhere(share: ShareRecord, where: Record<string, unknown> | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([name, condition]) => {
    const value = share[shareField(name, 'find.where')];
    if (condition === null || typeof condition !== 'object') return value === condition;
    const ops = Object.keys(condition);
    if (ops.length === 1 && ops[0] === 'in' && Array.isArray((condition as { in: unknown }).in)) {
      return ((condition as { in: unknown[] }).in).includes(value);
    }
    throw new BadRequest(`Unsupported condition on '${name}' in find.where: only equality and {"in": [...]} are supported.`);
  });
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
  let entity: Record<string, unknown> | null = null;
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
    if (!(a in entity)) throw new BadRequest(`Unknown ${include.model} attribute '${a}' in find.include.`);
    picked[a] = entity[a];
  }
  return picked;
}
