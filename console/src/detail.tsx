// The detail pane of one journal entry: summary, the explanation as the emulator recorded it, validation,
// request and response (headers and pretty JSON), and "copy as curl".
import { useState } from 'preact/hooks';
import { curlCommand } from './curl';
import { pretty, vendorTitle } from './format';
import type { JournalEntry, JournalMessage } from './types';

export function Detail({ entry, onClose }: { entry: JournalEntry; onClose(): void }) {
  const [copied, setCopied] = useState(false);
  const curl = curlCommand(entry, location.origin);
  const copy = async () => {
    await navigator.clipboard?.writeText(curl).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <aside class="detail" aria-label={`Request ${entry.id}`}>
      <header>
        <h2>
          {entry.method} {entry.path}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the details">
          ×
        </button>
      </header>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {entry.status === 0 ? 'dropped' : entry.status}
          {entry.fault !== undefined && ` (fault ${entry.fault})`}
        </dd>
        <dt>Operation</dt>
        <dd>
          {vendorTitle(entry.vendor)} · {entry.operationId ?? 'no operation'}
        </dd>
        <dt>Namespace</dt>
        <dd>{entry.namespace}</dd>
        <dt>Request id</dt>
        <dd>
          <code>{entry.id}</code>
        </dd>
        <dt>Time</dt>
        <dd>
          {entry.time} · {entry.durationMs} ms
        </dd>
        {entry.validation !== undefined && (
          <>
            <dt>Validation</dt>
            <dd>{entry.validation}</dd>
          </>
        )}
      </dl>
      <section aria-label="Explanation" class="explanation">
        <h3>Explanation</h3>
        {entry.explanation === undefined ? (
          <p class="muted">The emulator recorded no explanation for this request (EXPLANATIONS=off).</p>
        ) : (
          <>
            <p class="summary">{entry.explanation.summary}</p>
            <pre>{pretty(entry.explanation)}</pre>
          </>
        )}
        {entry.violations && (
          <ul class="violations">
            {entry.violations.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        )}
      </section>
      <Message title="Request" message={entry.request} query={entry.query} />
      <Message title="Response" message={entry.response} />
      <section aria-label="Copy as curl">
        <h3>curl</h3>
        <pre class="curl">{curl}</pre>
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy as curl'}
        </button>
        <p class="muted">Credentials are masked (***) in the journal: put the real token or key in their place.</p>
      </section>
      {entry.truncated && <p class="muted">A body was longer than 64 KiB and is cut.</p>}
    </aside>
  );
}

function Message({ title, message, query }: { title: string; message: JournalMessage; query?: string }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {query !== undefined && query !== '' && (
        <p>
          Query: <code>{query}</code>
        </p>
      )}
      <details>
        <summary>Headers ({Object.keys(message.headers).length})</summary>
        <table class="headers">
          <tbody>
            {Object.entries(message.headers).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{Array.isArray(value) ? value.join(', ') : String(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {message.body === null ? <p class="muted">No body.</p> : <pre class="body">{pretty(message.body)}</pre>}
    </section>
  );
}
