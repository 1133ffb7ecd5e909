// EnergyCAP's state: users with their roles, user groups, and dashboards with a form for their sharing.
import { useState } from 'preact/hooks';
import { Problems } from './state';
import type { VendorStateProps } from './state';
import { RecordTable, list } from './table';

interface User {
  userId: number;
  userCode: string;
  fullName?: string;
  userRoleId: number;
  active?: boolean;
}
interface Group {
  userGroupId: number;
  userGroupName: string;
  memberIds?: number[];
}
interface Dashboard {
  dashboardId: number;
  dashboardInfo: string;
  createdBy: number;
  public?: boolean;
  sharedWithEveryone?: boolean;
  sharedUserIds?: number[];
  sharedUserGroupIds?: number[];
}
type Sharing = Pick<Dashboard, 'sharedWithEveryone' | 'sharedUserIds' | 'sharedUserGroupIds'>;

/** Numbers where the text is one; anything else is passed on for the server's check to name. */
const ids = (text: string): unknown[] => text.split(',').map((t) => t.trim()).filter(Boolean).map((t) => (/^-?\d+$/.test(t) ? Number(t) : t));

export function EnergycapState({ document, save, problems }: VendorStateProps) {
  const users = (document.users ?? []) as User[];
  const groups = (document.userGroups ?? []) as Group[];
  const dashboards = (document.dashboards ?? []) as Dashboard[];
  const roles = new Map(((document.roles ?? []) as { userRoleId: number; userRoleName: string }[]).map((r) => [r.userRoleId, r.userRoleName]));
  const name = (id: number): string => users.find((u) => u.userId === id)?.fullName ?? String(id);
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <div>
      <table>
        <caption>Dashboards ({dashboards.length})</caption>
        <thead>
          <tr>
            <th scope="col">Dashboard</th>
            <th scope="col">Created by</th>
            <th scope="col">Public</th>
            <th scope="col">Everyone</th>
            <th scope="col">Shared with users</th>
            <th scope="col">Shared with groups</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {dashboards.map((d, i) => [
            <tr key={d.dashboardId}>
              <td>
                {d.dashboardInfo} <code class="muted">{d.dashboardId}</code>
              </td>
              <td>{name(d.createdBy)}</td>
              <td>{d.public ? 'yes' : 'no'}</td>
              <td>{d.sharedWithEveryone ? 'yes' : 'no'}</td>
              <td>{list((d.sharedUserIds ?? []).map(name))}</td>
              <td>{list((d.sharedUserGroupIds ?? []).map((g) => groups.find((x) => x.userGroupId === g)?.userGroupName ?? g))}</td>
              <td>
                <button type="button" aria-expanded={editing === d.dashboardId} onClick={() => setEditing(editing === d.dashboardId ? null : d.dashboardId)}>
                  Edit sharing<span class="sr-only"> of {d.dashboardInfo}</span>
                </button>
              </td>
            </tr>,
            editing === d.dashboardId && (
              <tr key={`${d.dashboardId}-edit`} class="editor-row">
                <td colSpan={7}>
                  <SharingForm
                    dashboard={d}
                    problems={problems}
                    path={`dashboards[${i}]`}
                    onSave={async (sharing) => {
                      const next = structuredClone(document) as { dashboards: Dashboard[] };
                      next.dashboards[i] = { ...(next.dashboards[i] as Dashboard), ...sharing };
                      if (await save(next)) setEditing(null);
                    }}
                  />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
      <RecordTable
        caption="Users"
        rows={users}
        rowKey={(u) => String(u.userId)}
        columns={[
          { title: 'Id', cell: (u) => u.userId },
          { title: 'Name', cell: (u) => u.fullName ?? u.userCode },
          { title: 'Role', cell: (u) => roles.get(u.userRoleId) ?? u.userRoleId },
          { title: 'Active', cell: (u) => (u.active === false ? 'no' : 'yes') },
        ]}
      />
      <RecordTable
        caption="User groups"
        rows={groups}
        rowKey={(g) => String(g.userGroupId)}
        columns={[
          { title: 'Id', cell: (g) => g.userGroupId },
          { title: 'Name', cell: (g) => g.userGroupName },
          { title: 'Members', cell: (g) => list((g.memberIds ?? []).map(name)) },
        ]}
      />
    </div>
  );
}

function SharingForm({ dashboard, problems, path, onSave }: { dashboard: Dashboard; problems: readonly string[]; path: string; onSave(sharing: Sharing): Promise<void> }) {
  const [everyone, setEveryone] = useState(dashboard.sharedWithEveryone ?? false);
  const [userIds, setUserIds] = useState((dashboard.sharedUserIds ?? []).join(', '));
  const [groupIds, setGroupIds] = useState((dashboard.sharedUserGroupIds ?? []).join(', '));
  const id = dashboard.dashboardId;
  return (
    <form
      class="share-form"
      aria-label={`Sharing of ${dashboard.dashboardInfo}`}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave({ sharedWithEveryone: everyone, sharedUserIds: ids(userIds) as number[], sharedUserGroupIds: ids(groupIds) as number[] });
      }}
    >
      <label class="check">
        <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.currentTarget.checked)} /> Shared with everyone
      </label>
      <Problems problems={problems} prefix={`${path}.sharedWithEveryone`} />
      <label for={`users-${id}`}>User ids (comma-separated)</label>
      <input id={`users-${id}`} value={userIds} onInput={(e) => setUserIds(e.currentTarget.value)} />
      <Problems problems={problems} prefix={`${path}.sharedUserIds`} />
      <label for={`groups-${id}`}>User group ids (comma-separated)</label>
      <input id={`groups-${id}`} value={groupIds} onInput={(e) => setGroupIds(e.currentTarget.value)} />
      <Problems problems={problems} prefix={`${path}.sharedUserGroupIds`} />
      <button type="submit">Save sharing</button>
    </form>
  );
}
