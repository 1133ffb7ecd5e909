// EnergyCAP's list filter grammar: `<field> <operator> '<value>' [and ...]`, values always single-quoted,
// `one of` values joined by `|`. Each endpoint names its fields and the operators each field accepts.
import { BadRequest } from '../../core/errors';

export type FieldKind = 'integer' | 'boolean';

export interface Condition {
  field: string;
  operator: string;
  values: string[];
}

const OPERATORS = ['not one of', 'one of', 'not equals', 'equals', 'less than equal', 'greater than equal', 'less than', 'greater than'];
const BOOLEAN_OPERATORS = new Set(['equals']);
const CLAUSE = new RegExp(`^\\s*([A-Za-z][A-Za-z0-9]*)\\s+(${OPERATORS.join('|')})\\s+'([^']*)'\\s*$`, 'i');

/** Parses the filter against the endpoint's fields; anything it cannot read is a 400 naming the problem. */
export function parseFilter(filter: string, fields: Readonly<Record<string, FieldKind>>): Condition[] {
  const clauses = splitOutsideQuotes(filter);
  return clauses.map((clause) => {
    const m = CLAUSE.exec(clause);
    if (!m) throw new BadRequest(`The filter clause "${clause.trim()}" is not of the form <field> <operator> '<value>'.`);
    const name = Object.keys(fields).find((f) => f.toLowerCase() === (m[1] as string).toLowerCase());
    if (!name) throw new BadRequest(`The filter field '${m[1] as string}' is not supported here; use one of ${Object.keys(fields).join(', ')}.`);
    const operator = (m[2] as string).toLowerCase();
    const kind = fields[name] as FieldKind;
    if (kind === 'boolean' && !BOOLEAN_OPERATORS.has(operator)) throw new BadRequest(`The filter field '${name}' only supports the equals operator.`);
    const values = operator.endsWith('one of') ? (m[3] as string).split('|') : [m[3] as string];
    for (const value of values) {
      const ok = kind === 'boolean' ? /^(true|false)$/i.test(value.trim()) : /^-?\d+$/.test(value.trim());
      if (!ok) throw new BadRequest(`The filter value '${value}' is not a valid ${kind} for '${name}'.`);
    }
    return { field: name, operator, values: values.map((v) => v.trim().toLowerCase()) };
  });
}

/** True when the record's values satisfy every condition. */
export function matchesFilter(conditions: readonly Condition[], valueOf: (field: string) => number | boolean): boolean {
  return conditions.every(({ field, operator, values }) => {
    const actual = valueOf(field);
    const expected = values.map((v) => (typeof actual === 'boolean' ? v === 'true' : Number(v)));
    const first = expected[0] as number | boolean;
    switch (operator) {
      case 'equals':
        return actual === first;
      case 'not equals':
        return actual !== first;
      case 'one of':
        return expected.includes(actual);
      case 'not one of':
        return !expected.includes(actual);
      case 'less than':
        return actual < first;
      case 'greater than':
        return actual > first;
      case 'less than equal':
        return actual <= first;
      default:
        return actual >= first;
    }
  });
}

/** Splits on ` and ` (any case) outside single quotes. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'") quoted = !quoted;
    if (!quoted && /^\s+and\s+/i.test(text.slice(i)) && current.trim() !== '') {
      parts.push(current);
      current = '';
      i += (/^\s+and\s+/i.exec(text.slice(i)) as RegExpExecArray)[0].length - 1;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}
