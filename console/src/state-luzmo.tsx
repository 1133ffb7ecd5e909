// Luzmo's state: users, dashboards (with owner and readers), locales and shares (edited as JSON).
import type { VendorStateProps } from './state';
import { RecordTable, list } from './table';

interface User {
  id: string;
  name?: string;
  email?: string;
  credentials: { key: string }[];
}
interface Dashboard {
  id: string;
  name?: Record<string, string>;
  ownerId: string;
  readerIds?: string[];
}
interface Share {
  id: string;
  user_id: string;
  securable_id?: string | null;
  locale_id?: string | null;
  updated_at?: string;
}

export function LuzmoState({ document }: VendorStateProps) {
  const users = (document.users ?? []) as User[];
  const dashboards = (document.dashboards ?? []) as Dashboard[];
  const locales = (document.locales ?? []) as { id: string; name?: string }[];
  const shares = (document.shares ?? []) as Share[];
  const userName = (id: string): string => users.find((u) => u.id === id)?.name ?? id;
  const dashboardName = (id: string | null | undefined): string => {
    if (id === null || id === undefined) return '—';
    const d = dashboards.find((x) => x.id === id);
    return d?.name?.en ?? Object.values(d?.name ?? {})[0] ?? id;
  };
  return (
    <div>
      <RecordTable
        caption="Shares"
        rows={shares}
        rowKey={(s) => s.id}
        columns={[
          { title: 'Id', cell: (s) => <code>{s.id}</code> },
          { title: 'Created by', cell: (s) => userName(s.user_id) },
          { title: 'Dashboard', cell: (s) => dashboardName(s.securable_id) },
          { title: 'Locale', cell: (s) => s.locale_id ?? '—' },
          { title: 'Updated', cell: (s) => s.updated_at ?? '—' },
        ]}
      />
      <RecordTable
        caption="Dashboards"
        rows={dashboards}
        rowKey={(d) => d.id}
        columns={[
          { title: 'Name', cell: (d) => dashboardName(d.id) },
          { title: 'Owner', cell: (d) => userName(d.ownerId) },
          { title: 'Readers', cell: (d) => list((d.readerIds ?? []).map(userName)) },
        ]}
      />
      <RecordTable
        caption="Users"
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { title: 'Name', cell: (u) => u.name ?? u.id },
          { title: 'Email', cell: (u) => u.email ?? '—' },
          { title: 'API keys', cell: (u) => list(u.credentials.map((c) => c.key)) },
        ]}
      />
      <RecordTable caption="Locales" rows={locales} rowKey={(l) => l.id} columns={[{ title: 'Id', cell: (l) => l.id }, { title: 'Name', cell: (l) => l.name ?? '—' }]} />
      <p class="muted">Edit shares, dashboards and users with “Edit as JSON”; the same checks as PUT /_emulator/state apply.</p>
    </div>
  );
}
