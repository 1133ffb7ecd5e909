// The State view: one vendor's records in a namespace as tables, edited through PUT /_emulator/state (so the
// server's checks decide, and their messages appear next to the field they name), plus reset, export, import
// and a whole-document JSON editor.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, describe } from './api';
import { download, vendorTitle } from './format';
import { DeskState } from './state-desk';
import { EnergycapState } from './state-energycap';
import { LuzmoState } from './state-luzmo';

export type Save = (document: unknown) => Promise<boolean>;

export interface VendorStateProps {
  document: Record<string, unknown>;
  save: Save;
  /** The server's problems with the last save, each starting with the path it is about. */
  problems: readonly string[];
}

const VIEWS: Record<string, (props: VendorStateProps) => preact.JSX.Element> = { desk: DeskState, luzmo: LuzmoState, energycap: EnergycapState };

export function State({ namespace, vendors }: { namespace: string; vendors: readonly string[] }) {
  const [vendor, setVendor] = useState(vendors[0] ?? 'desk');
  const [document, setDocument] = useState<Record<string, unknown> | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [json, setJson] = useState<string | null>(null);

  const load = async () => {
    try {
      setDocument(await call<Record<string, unknown>>('GET', `/state?vendor=${vendor}`, { namespace }));
    } catch (error) {
      setMessage(describe(error));
    }
  };
  useEffect(() => {
    setDocument(null);
    setProblems([]);
    setMessage('');
    setJson(null);
    void load();
  }, [vendor, namespace]);

  const save: Save = async (next) => {
    try {
      await call('PUT', `/state?vendor=${vendor}`, { namespace, body: next });
      setProblems([]);
      setMessage(`Saved ${vendorTitle(vendor)} state in namespace ${namespace}.`);
      await load();
      return true;
    } catch (error) {
      setProblems(error instanceof ApiError ? [...error.details] : []);
      setMessage(error instanceof ApiError && error.details.length > 0 ? `Not saved: ${error.message}` : `Not saved: ${describe(error)}`);
      return false;
    }
  };
  const reset = async () => {
    await call('POST', `/reset?vendor=${vendor}`, { namespace });
    setMessage(`${vendorTitle(vendor)} in namespace ${namespace} is back to its fixtures.`);
    await load();
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as unknown;
      await call('PUT', '/state', { namespace, body: parsed });
      setMessage(`Imported ${file.name} into namespace ${namespace}.`);
      setProblems([]);
      await load();
    } catch (error) {
      setProblems(error instanceof ApiError ? [...error.details] : []);
      setMessage(`Not imported: ${describe(error)}`);
    }
  };
  const View = VIEWS[vendor];

  return (
    <section class="state" aria-label="State">
      <div class="toolbar">
        <div role="group" aria-label="Vendor" class="segmented">
          {vendors.map((v) => (
            <button key={v} type="button" aria-pressed={v === vendor} onClick={() => setVendor(v)}>
              {vendorTitle(v)}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => void reset()}>
          Reset {vendorTitle(vendor)}
        </button>
        <button type="button" onClick={() => void call('GET', '/state', { namespace }).then((d) => download(`share-emulator-${namespace}.json`, d))}>
          Export namespace
        </button>
        <label class="file">
          Import namespace
          <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
        </label>
        <button type="button" onClick={() => setJson(json === null ? JSON.stringify(document, null, 2) : null)} aria-expanded={json !== null}>
          {json === null ? 'Edit as JSON' : 'Close JSON'}
        </button>
      </div>
      {message !== '' && (
        <p class={problems.length > 0 || message.startsWith('Not') ? 'notice error' : 'notice'} role="status">
          {message}
        </p>
      )}
      {json !== null && (
        <form
          class="json-editor"
          onSubmit={(e) => {
            e.preventDefault();
            try {
              void save(JSON.parse(json) as unknown).then((ok) => ok && setJson(null));
            } catch (error) {
              setProblems([]);
              setMessage(`Not saved: the text is not JSON (${describe(error)})`);
            }
          }}
        >
          <label>
            {vendorTitle(vendor)} state document
            <textarea rows={18} spellcheck={false} value={json} onInput={(e) => setJson(e.currentTarget.value)} />
          </label>
          <Problems problems={problems} />
          <button type="submit">Save document</button>
        </form>
      )}
      {document === null ? <p class="muted">Loading…</p> : View && json === null && <View document={document} save={save} problems={problems} />}
    </section>
  );
}

/** The server's messages about one part of the document (those whose path starts with the prefix). */
export function Problems({ problems, prefix = '' }: { problems: readonly string[]; prefix?: string }) {
  const mine = problems.filter((p) => p.startsWith(prefix));
  if (mine.length === 0) return null;
  return (
    <ul class="field-error" role="alert">
      {mine.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
