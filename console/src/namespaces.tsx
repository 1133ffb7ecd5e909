// The Namespaces view: those alive, with their record counts, fault rules, journal entries and last use;
// reset or drop one.
import { useEffect, useState } from 'preact/hooks';
import { call, describe } from './api';
import { clock, vendorTitle } from './format';
import type { NamespaceSummary } from './types';

export function Namespaces({ namespaces, refresh }: { namespaces: readonly NamespaceSummary[]; refresh(): Promise<void> }) {
  const [message, setMessage] = useState('');
  useEffect(() => void refresh(), []);
  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setMessage(what);
    } catch (error) {
      setMessage(describe(error));
    }
    await refresh();
  };
  return (
    <section class="namespaces" aria-label="Namespaces">
      <div class="toolbar">
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {message !== '' && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      <table>
        <caption>Namespaces alive ({namespaces.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Records</th>
            <th scope="col" class="num">
              Faults
            </th>
            <th scope="col" class="num">
              Requests
            </th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {namespaces.map((n) => (
            <tr key={n.name}>
              <td>{n.name}</td>
              <td>
                {Object.keys(n.records).length === 0
                  ? 'fixtures (untouched)'
                  : Object.entries(n.records).map(([vendor, kinds]) => (
                      <div key={vendor}>
                        {vendorTitle(vendor)}:{' '}
                        {Object.entries(kinds)
                          .map(([kind, count]) => `${count} ${kind}`)
                          .join(', ')}
                      </div>
                    ))}
              </td>
              <td class="num">{n.faults}</td>
              <td class="num">{n.journalEntries}</td>
              <td>{n.lastUsed === null ? '—' : clock(n.lastUsed)}</td>
              <td class="actions">
                <button type="button" onClick={() => void act(`Namespace ${n.name} is back to the fixtures.`, () => call('POST', '/reset', { namespace: n.name }))}>
                  Reset<span class="sr-only"> {n.name}</span>
                </button>
                <button
                  type="button"
                  disabled={n.name === 'default'}
                  title={n.name === 'default' ? 'The default namespace can only be reset' : undefined}
                  onClick={() => void act(`Dropped namespace ${n.name}.`, () => call('DELETE', `/namespaces/${encodeURIComponent(n.name)}`))}
                >
                  Drop<span class="sr-only"> {n.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
