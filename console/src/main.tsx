// The console's shell: the stream that feeds the Requests view (kept running across views), the working
// namespace of the State and Faults views, the tabs, and the admin-token prompt.
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { call, setToken, whenUnauthorized } from './api';
import { Faults } from './faults';
import { Namespaces } from './namespaces';
import { Requests } from './requests';
import { State } from './state';
import type { StreamStatus } from './stream';
import { openStream } from './stream';
import { TokenDialog } from './token-dialog';
import type { Health, JournalEntry, NamespaceSummary } from './types';
import './styles.css';

const TABS = ['Requests', 'State', 'Faults', 'Namespaces'] as const;
type Tab = (typeof TABS)[number];
/** Entries kept in the page; older ones are still in the journal (GET /_emulator/requests). */
const KEPT = 1000;

function App() {
  const [tab, setTab] = useState<Tab>('Requests');
  const [session, setSession] = useState(0);
  const [needToken, setNeedToken] = useState(false);
  const [vendors, setVendors] = useState<string[]>([]);
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  const waiting = useRef<JournalEntry[]>([]);
  const [waitingCount, setWaitingCount] = useState(0);
  const [summaries, setSummaries] = useState<NamespaceSummary[]>([]);
  const [namespace, setNamespace] = useState('default');

  whenUnauthorized(() => setNeedToken(true));
  useEffect(() => void call<Health>('GET', '/health').then((h) => setVendors(h.vendors)), []);
  const refreshNamespaces = useCallback(async () => {
    try {
      setSummaries((await call<{ namespaces: NamespaceSummary[] }>('GET', '/namespaces')).namespaces);
    } catch {
      // 401 opens the token prompt; anything else shows up again on the next refresh.
    }
  }, [session]);
  useEffect(() => void refreshNamespaces(), [refreshNamespaces]);

  useEffect(
    () =>
      openStream({
        onStart: () => {
          waiting.current = [];
          setWaitingCount(0);
          setEntries([]);
        },
        onEntry: (entry) => {
          if (pausedRef.current) {
            // Paused for long, only the newest KEPT wait: the table never shows more anyway.
            waiting.current.push(entry);
            if (waiting.current.length > KEPT) waiting.current.shift();
            setWaitingCount(waiting.current.length);
          } else setEntries((shown) => [entry, ...shown].slice(0, KEPT));
        },
        onStatus: (s) => {
          setStatus(s);
          if (s === 'unauthorized') setNeedToken(true);
        },
      }),
    [session],
  );

  const pause = (on: boolean) => {
    pausedRef.current = on;
    setPaused(on);
    if (!on) {
      const arrived = waiting.current.reverse();
      waiting.current = [];
      setWaitingCount(0);
      setEntries((shown) => [...arrived, ...shown].slice(0, KEPT));
    }
  };
  const names = useMemo(() => [...new Set([...summaries.map((s) => s.name), ...entries.map((e) => e.namespace)])].sort(), [summaries, entries]);

  return (
    <>
      <header class="top">
        <h1>share-emulator console</h1>
        <nav role="tablist" aria-label="Views">
          {TABS.map((t) => (
            <button
              key={t}
              id={`tab-${t}`}
              type="button"
              role="tab"
              aria-selected={tab === t}
              aria-controls="view"
              tabIndex={tab === t ? 0 : -1}
              onClick={() => setTab(t)}
              onKeyDown={(e) => {
                const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                const next = TABS[(TABS.indexOf(t) + step + TABS.length) % TABS.length] as Tab;
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {t}
            </button>
          ))}
        </nav>
        <label class="working-namespace" title="The namespace the State and Faults views act on">
          Working namespace
          <select value={namespace} onChange={(e) => setNamespace(e.currentTarget.value)} disabled={tab === 'Requests' || tab === 'Namespaces'}>
            {(names.includes(namespace) ? names : [namespace, ...names]).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span class={`stream ${paused ? 'paused' : status}`} role="status" aria-live="polite">
          {paused ? 'paused' : status}
        </span>
      </header>
      <main>
        <div id="view" role="tabpanel" aria-labelledby={`tab-${tab}`} key={session}>
        {tab === 'Requests' && (
          <Requests entries={entries} namespaces={names} vendors={vendors} paused={paused} waiting={waitingCount} onPause={pause} onClear={() => setEntries([])} />
        )}
        {tab === 'State' && vendors.length > 0 && <State namespace={namespace} vendors={vendors} />}
        {tab === 'Faults' && vendors.length > 0 && <Faults namespace={namespace} vendors={vendors} />}
          {tab === 'Namespaces' && <Namespaces namespaces={summaries} refresh={refreshNamespaces} />}
        </div>
      </main>
      {needToken && (
        <TokenDialog
          onToken={(token) => {
            setToken(token);
            setNeedToken(false);
            void call<Health>('GET', '/health').then((h) => setVendors(h.vendors));
            setSession((s) => s + 1);
          }}
        />
      )}
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
