// The Faults view: the rules in force in a namespace, a form to add one (vendor, then an operation from that
// vendor's spec, then what happens), and removing one or all.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, describe } from './api';
import { vendorTitle } from './format';
import type { FaultRule } from './types';

interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
}

const operationsOf = async (vendor: string): Promise<SpecOperation[]> => (await call<{ operations: SpecOperation[] }>('GET', `/specs/${vendor}/operations`)).operations;

const describeRule = (r: FaultRule): string =>
  [
    r.action.status !== undefined && `status ${r.action.status}`,
    r.action.message !== undefined && `“${r.action.message}”`,
    r.action.retryAfter !== undefined && `retry after ${r.action.retryAfter}s`,
    r.action.delayMs !== undefined && `delay ${r.action.delayMs} ms`,
    r.action.drop && 'drop the connection',
  ]
    .filter(Boolean)
    .join(', ');

export function Faults({ namespace, vendors }: { namespace: string; vendors: readonly string[] }) {
  const [rules, setRules] = useState<FaultRule[]>([]);
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [vendor, setVendor] = useState(vendors[0] ?? '');
  const [operations, setOperations] = useState<SpecOperation[]>([]);
  const [operationId, setOperationId] = useState('');
  const [status, setStatus] = useState('503');
  const [text, setText] = useState('');
  const [delay, setDelay] = useState('');
  const [retryAfter, setRetryAfter] = useState('');
  const [drop, setDrop] = useState(false);
  const [times, setTimes] = useState('');

  const load = async () => setRules((await call<{ faults: FaultRule[] }>('GET', '/faults', { namespace })).faults);
  useEffect(() => void load().catch((e: unknown) => setMessage(describe(e))), [namespace]);
  useEffect(() => {
    setOperationId('');
    if (vendor !== '') void operationsOf(vendor).then(setOperations, (e: unknown) => setMessage(describe(e)));
  }, [vendor]);

  const number = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));
  const add = async (e: Event) => {
    e.preventDefault();
    const action = { status: number(status), message: text.trim() === '' ? undefined : text, delayMs: number(delay), retryAfter: number(retryAfter), drop: drop || undefined };
    const match = { vendor: vendor === '' ? undefined : vendor, operationId: operationId === '' ? undefined : operationId };
    try {
      const rule = await call<FaultRule>('POST', '/faults', { namespace, body: { match, action, times: number(times) } });
      setMessage(`Added fault ${rule.id}: ${describeRule(rule)}.`);
      setProblems([]);
      await load();
    } catch (error) {
      setMessage(`Not added: ${error instanceof ApiError ? error.message : describe(error)}`);
      setProblems(error instanceof ApiError ? error.details : []);
    }
  };
  const remove = async (id?: string) => {
    await call('DELETE', id === undefined ? '/faults' : `/faults/${id}`, { namespace });
    setMessage(id === undefined ? 'Removed every fault rule.' : `Removed fault ${id}.`);
    await load();
  };

  return (
    <section class="faults" aria-label="Faults">
      <form class="fault-form" onSubmit={(e) => void add(e)} aria-label="Add a fault rule">
        <h2>Add a fault</h2>
        <label>
          Vendor
          <select value={vendor} onChange={(e) => setVendor(e.currentTarget.value)}>
            <option value="">any vendor</option>
            {vendors.map((v) => (
              <option key={v} value={v}>
                {vendorTitle(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Operation
          <select value={operationId} onChange={(e) => setOperationId(e.currentTarget.value)} disabled={vendor === ''}>
            <option value="">any operation</option>
            {operations.map((o) => (
              <option key={o.operationId} value={o.operationId}>
                {o.operationId} ({o.method} {o.path})
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <input type="number" min={400} max={599} value={status} onInput={(e) => setStatus(e.currentTarget.value)} placeholder="none" />
        </label>
        <label>
          Message
          <input value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="the vendor's default" />
        </label>
        <label>
          Delay (ms)
          <input type="number" min={0} max={60000} value={delay} onInput={(e) => setDelay(e.currentTarget.value)} />
        </label>
        <label>
          Retry-After (s)
          <input type="number" min={0} max={86400} value={retryAfter} onInput={(e) => setRetryAfter(e.currentTarget.value)} />
        </label>
        <label>
          Times
          <input type="number" min={1} value={times} onInput={(e) => setTimes(e.currentTarget.value)} placeholder="until removed" />
        </label>
        <label class="check">
          <input type="checkbox" checked={drop} onChange={(e) => setDrop(e.currentTarget.checked)} /> Drop the connection
        </label>
        <button type="submit">Add fault</button>
      </form>
      {message !== '' && (
        <div class={problems.length > 0 || message.startsWith('Not') ? 'notice error' : 'notice'} role="status">
          {message}
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <table aria-label="Fault rules in force">
        <caption>
          Rules in force in namespace {namespace} ({rules.length}), first match fires
        </caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Matches</th>
            <th scope="col">Does</th>
            <th scope="col">Fired</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{Object.entries(r.match).map(([k, v]) => `${k}=${String(v)}`).join(', ') || 'every vendor request'}</td>
              <td>{describeRule(r)}</td>
              <td>
                {r.fired}
                {r.times !== undefined && ` of ${r.times}`}
              </td>
              <td>
                <button type="button" onClick={() => void remove(r.id)}>
                  Remove<span class="sr-only"> fault {r.id}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.length > 0 && (
        <button type="button" onClick={() => void remove()}>
          Remove all faults
        </button>
      )}
    </section>
  );
}
