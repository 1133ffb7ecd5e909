// The Requests view: the live table of journal entries (newest first) with its filters, pause/resume, and
// the detail pane of the selected entry.
import { useMemo, useState } from 'preact/hooks';
import { Detail } from './detail';
import { clock, statusClass, vendorTitle } from './format';
import type { JournalEntry } from './types';

interface Props {
  entries: readonly JournalEntry[];
  namespaces: readonly string[];
  vendors: readonly string[];
  paused: boolean;
  waiting: number;
  onPause(paused: boolean): void;
  onClear(): void;
}

const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'dropped'];

export function Requests({ entries, namespaces, vendors, paused, waiting, onPause, onClear }: Props) {
  const [namespace, setNamespace] = useState('');
  const [vendor, setVendor] = useState('');
  const [status, setStatus] = useState('');
  const [operation, setOperation] = useState('');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);

  const operations = useMemo(() => [...new Set(entries.map((e) => e.operationId).filter((o): o is string => o !== null))].sort(), [entries]);
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return entries.filter(
      (e) =>
        (namespace === '' || e.namespace === namespace) &&
        (vendor === '' || e.vendor === vendor) &&
        (status === '' || statusClass(e.status) === status) &&
        (operation === '' || (e.operationId ?? '').toLowerCase().includes(operation.toLowerCase())) &&
        (needle === '' || `${e.id} ${e.method} ${e.path} ${e.query} ${e.operationId ?? ''} ${e.status}`.toLowerCase().includes(needle)),
    );
  }, [entries, namespace, vendor, status, operation, text]);
  const current = entries.find((e) => e.id === selected);

  return (
    <section class="requests" aria-label="Requests">
      <form class="filters" onSubmit={(e) => e.preventDefault()} role="search" aria-label="Filter requests">
        <label>
          Namespace
          <select value={namespace} onChange={(e) => setNamespace(e.currentTarget.value)}>
            <option value="">all</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Vendor
          <select value={vendor} onChange={(e) => setVendor(e.currentTarget.value)}>
            <option value="">all</option>
            {vendors.map((v) => (
              <option key={v} value={v}>
                {vendorTitle(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">all</option>
            {STATUS_CLASSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Operation
          <input list="operations" value={operation} onInput={(e) => setOperation(e.currentTarget.value)} placeholder="any" />
          <datalist id="operations">
            {operations.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </label>
        <label class="grow">
          Text
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="path, id, status…" />
        </label>
        <button type="button" onClick={() => onPause(!paused)} aria-pressed={paused}>
          {paused ? `Resume${waiting > 0 ? ` (${waiting} new)` : ''}` : 'Pause'}
        </button>
        <button type="button" onClick={onClear}>
          Clear
        </button>
      </form>
      <div class="split">
        <div class="table-wrap">
          <table class="entries" aria-label="Journal entries, newest first" aria-rowcount={shown.length}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Namespace</th>
                <th scope="col">Vendor</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Operation</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">ms</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr
                  key={e.id}
                  tabIndex={0}
                  data-id={e.id}
                  aria-selected={e.id === selected}
                  class={e.id === selected ? 'selected' : undefined}
                  onClick={() => setSelected(e.id)}
                  onKeyDown={(k) => {
                    if (k.key === 'Enter' || k.key === ' ') {
                      k.preventDefault();
                      setSelected(e.id);
                    }
                  }}
                >
                  <td>{clock(e.time)}</td>
                  <td>{e.namespace}</td>
                  <td>{vendorTitle(e.vendor)}</td>
                  <td>{e.method}</td>
                  <td class="path" title={e.path}>
                    {e.path}
                  </td>
                  <td class="op" title={e.operationId ?? undefined}>
                    {e.operationId ?? '—'}
                  </td>
                  <td>
                    <span class={`status s${statusClass(e.status)}`}>{e.status === 0 ? 'dropped' : e.status}</span>
                    {e.fault !== undefined && <span class="tag">fault</span>}
                  </td>
                  <td class="num">{e.durationMs.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p class="empty">{entries.length === 0 ? 'No requests yet: call a vendor API and it shows up here.' : 'No request matches the filters.'}</p>}
        </div>
        {current ? <Detail entry={current} onClose={() => setSelected(null)} /> : <aside class="detail placeholder">Select a request to see its details.</aside>}
      </div>
    </section>
  );
}
