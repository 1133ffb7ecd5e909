// DESK's state: environments with their tokens and dashboards, and a form for a dashboard's share settings.
import { useState } from 'preact/hooks';
import { Problems } from './state';
import type { VendorStateProps } from './state';

interface Permission {
  id?: string;
  permission: string;
  type: string;
}
interface ShareSettings {
  enabled?: boolean;
  preset?: boolean;
  permissions?: Permission[];
  managementZoneIds?: string[];
  linkTokens?: Record<string, string>;
}
interface Dashboard {
  id: string;
  dashboardMetadata: { name: string; owner: string; shared?: boolean };
  shareSettings?: ShareSettings;
}
interface Environment {
  id: string;
  tokens?: { token: string; name?: string; scopes: string[] }[];
  dashboards?: Dashboard[];
}

const permissionText = (p: Permission): string => [p.type, p.permission, p.id].filter(Boolean).join(' ');

export function DeskState({ document, save, problems }: VendorStateProps) {
  const environments = (document.environments ?? []) as Environment[];
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div>
      {environments.map((env, e) => (
        <section key={env.id} aria-label={`Environment ${env.id}`}>
          <h2>
            Environment <code>{env.id}</code>
            {document.defaultEnvironment === env.id && <span class="tag">default</span>}
          </h2>
          <table>
            <caption>Dashboards</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Owner</th>
                <th scope="col">Sharing</th>
                <th scope="col">Permissions</th>
                <th scope="col">Public zones</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(env.dashboards ?? []).map((d, i) => {
                const key = `${env.id}/${d.id}`;
                const path = `environments[${e}].dashboards[${i}].shareSettings`;
                return [
                  <tr key={key}>
                    <td>
                      {d.dashboardMetadata.name}
                      <br />
                      <code class="muted">{d.id}</code>
                    </td>
                    <td>{d.dashboardMetadata.owner}</td>
                    <td>{d.shareSettings?.enabled ? 'enabled' : 'off'}</td>
                    <td>{(d.shareSettings?.permissions ?? []).map(permissionText).join('; ') || '—'}</td>
                    <td>{(d.shareSettings?.managementZoneIds ?? []).join(', ') || '—'}</td>
                    <td>
                      <button type="button" aria-expanded={editing === key} onClick={() => setEditing(editing === key ? null : key)}>
                        Edit sharing<span class="sr-only"> of {d.dashboardMetadata.name}</span>
                      </button>
                    </td>
                  </tr>,
                  editing === key && (
                    <tr key={`${key}-edit`} class="editor-row">
                      <td colSpan={6}>
                        <ShareForm
                          dashboard={d}
                          problems={problems}
                          path={path}
                          onSave={async (settings) => {
                            const next = structuredClone(document) as { environments: Environment[] };
                            const target = next.environments[e]?.dashboards?.[i];
                            if (target) target.shareSettings = { ...target.shareSettings, ...settings };
                            if (await save(next)) setEditing(null);
                          }}
                        />
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
          <table>
            <caption>API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Scopes</th>
              </tr>
            </thead>
            <tbody>
              {(env.tokens ?? []).map((t) => (
                <tr key={t.token}>
                  <td>{t.name ?? '—'}</td>
                  <td>
                    <code>{t.token}</code>
                  </td>
                  <td>{t.scopes.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function ShareForm({ dashboard, problems, path, onSave }: { dashboard: Dashboard; problems: readonly string[]; path: string; onSave(settings: ShareSettings): Promise<void> }) {
  const current = dashboard.shareSettings ?? {};
  const [enabled, setEnabled] = useState(current.enabled ?? false);
  const [permissions, setPermissions] = useState((current.permissions ?? []).map(permissionText).join('\n'));
  const [zones, setZones] = useState((current.managementZoneIds ?? []).join(', '));
  const id = dashboard.id;
  return (
    <form
      class="share-form"
      aria-label={`Share settings of ${dashboard.dashboardMetadata.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        const lines = permissions.split('\n').map((l) => l.trim()).filter(Boolean);
        void onSave({
          enabled,
          permissions: lines.map((line) => {
            const [type = '', permission = '', ...rest] = line.split(/\s+/);
            return rest.length > 0 ? { type, permission, id: rest.join(' ') } : { type, permission };
          }),
          managementZoneIds: zones.split(',').map((z) => z.trim()).filter(Boolean),
        });
      }}
    >
      <label class="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Sharing enabled
      </label>
      <Problems problems={problems} prefix={`${path}.enabled`} />
      <label for={`perm-${id}`}>Permissions, one a line: TYPE PERMISSION [id] (TYPE: ALL, USER, GROUP; PERMISSION: VIEW, EDIT)</label>
      <textarea id={`perm-${id}`} rows={3} value={permissions} onInput={(e) => setPermissions(e.currentTarget.value)} />
      <Problems problems={problems} prefix={`${path}.permissions`} />
      <label for={`zones-${id}`}>Public-access management zones (comma-separated)</label>
      <input id={`zones-${id}`} value={zones} onInput={(e) => setZones(e.currentTarget.value)} />
      <Problems problems={problems} prefix={`${path}.managementZoneIds`} />
      <button type="submit">Save share settings</button>
    </form>
  );
}
