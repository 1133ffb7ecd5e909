// The parts of a Sequelize-style `find` every Luzmo resource shares: where (equality and `in`), attributes,
// order, limit and offset over one entity's fields. Unknown fields and operators are a 400 naming the entity.
import { BadRequest } from '../../core/errors';

export interface FindBase {
  where?: Record<string, unknown>;
  attributes?: string[];
  order?: (string | string[])[];
  limit?: number;
  offset?: number;
}

/** One entity's queryable fields, and the name its 400s use ("Unknown share attribute ..."). */
export interface EntityFields<F extends string> {
  entity: string;
  fields: readonly F[];
}

export function fieldOf<F extends string>(spec: EntityFields<F>, name: unknown, where: string): F {
  if (typeof name !== 'string' || !(spec.fields as readonly string[]).includes(name)) {
    throw new BadRequest(`Unknown ${spec.entity} attribute '${String(name)}' in ${where}.`);
  }
  return name as F;
}

/** One condition of a `where`: equality, or membership of an `in` list. */
export interface WhereCondition<F extends string> {
  field: F;
  test(value: unknown): boolean;
  /** The only values the field can have to pass. */
  values: readonly unknown[];
}

/**
 * A `where` read once per request. A scan stops at a record's first false condition, so the first invalid
 * condition (unknown field or operator) is a 400 exactly when some visible record meets every condition
 * before it; a where with an invalid condition otherwise matches nothing.
 */
export interface WherePlan<F extends string> {
  conditions: WhereCondition<F>[];
  error?: BadRequest;
}

export function planWhere<F extends string>(spec: EntityFields<F>, where: Record<string, unknown> | undefined): WherePlan<F> {
  const conditions: WhereCondition<F>[] = [];
  if (!where) return { conditions };
  // for...in, not Object.entries: a where of 65,000 keys stops at its first unknown field without copying them all.
  for (const name in where) {
    if (!Object.hasOwn(where, name)) continue;
    const condition = where[name];
    let field: F;
    try {
      field = fieldOf(spec, name, 'find.where');
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

/** True when the record meets every valid condition of the plan. */
export function meetsWhere<F extends string>(record: Readonly<Record<F, unknown>>, plan: WherePlan<F>): boolean {
  for (const c of plan.conditions) if (!c.test(record[c.field])) return false;
  return true;
}

/** Sorts by `order` (`[["created_at","desc"]]` or `["name"]`); values that are not strings or numbers sort as ''. */
export function sortRecords<F extends string, R extends Readonly<Record<F, unknown>>>(spec: EntityFields<F>, records: R[], order: FindBase['order']): R[] {
  if (!order || order.length === 0) return records;
  const keys = order.map((entry) => {
    const [name, direction = 'asc'] = Array.isArray(entry) ? entry : [entry];
    const dir = direction.toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw new BadRequest(`Order direction must be asc or desc, got '${direction}'.`);
    return { field: fieldOf(spec, name, 'find.order'), sign: dir === 'asc' ? 1 : -1 };
  });
  const sortable = (value: unknown): string | number => (typeof value === 'string' || typeof value === 'number' ? value : '');
  return [...records].sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = sortable(a[field]);
      const y = sortable(b[field]);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  });
}

/** The `find.attributes` of a record (every field when none are named). */
export function pickAttributes<F extends string>(spec: EntityFields<F>, record: Readonly<Record<F, unknown>>, attributes: string[] | undefined): Record<string, unknown> {
  const names = attributes?.map((a) => fieldOf(spec, a, 'find.attributes')) ?? spec.fields;
  const row: Record<string, unknown> = {};
  for (const name of names) row[name] = record[name];
  return row;
}

/** `{count, rows}`: count before paging, rows after offset and limit. */
export function page<T>(matching: readonly T[], find: FindBase, toRow: (record: T) => Record<string, unknown>): { count: number; rows: Record<string, unknown>[] } {
  const offset = find.offset ?? 0;
  const rows = matching.slice(offset, find.limit === undefined ? undefined : offset + find.limit);
  return { count: matching.length, rows: rows.map(toRow) };
}

/** A `get` over a whole collection: visible records, where, order, then paging. */
export function search<F extends string, R extends Readonly<Record<F, unknown>>>(
  spec: EntityFields<F>,
  visible: Iterable<R>,
  find: FindBase,
  toRow: (record: R) => Record<string, unknown>,
): { count: number; rows: Record<string, unknown>[] } {
  const plan = planWhere(spec, find.where);
  const found = [...visible].filter((r) => meetsWhere(r, plan));
  if (plan.error && found.length > 0) throw plan.error;
  return page(sortRecords(spec, found, find.order), find, toRow);
}
