// A plain read-only table of records, for the vendors' users, groups, locales and the like.
import type { ComponentChildren } from 'preact';

export interface Column<T> {
  title: string;
  cell(row: T): ComponentChildren;
}

export function RecordTable<T>({ caption, rows, columns, rowKey }: { caption: string; rows: readonly T[]; columns: readonly Column<T>[]; rowKey(row: T): string }) {
  return (
    <table>
      <caption>
        {caption} ({rows.length})
      </caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.title}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const list = (values: readonly unknown[] | undefined): string => (values && values.length > 0 ? values.join(', ') : '—');
