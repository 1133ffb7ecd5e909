// Prometheus metrics of one emulator (prom-client, a registry per instance so emulators in one process never
// mix): requests by vendor, operation and status, a latency histogram (counted and written here, see
// duration-histogram.ts), faults fired, and, read at scrape time, the journal's entries and bytes, the namespaces
// alive, the records each vendor holds and, with a shared store, the transactions run again after a lost race.
import { Counter, Gauge, Registry } from 'prom-client';
import { DurationHistogram } from './duration-histogram';
import type { Exchange, ExchangeObserver } from './exchange';
import type { Journal } from './journal';
import type { NamespaceRegistry } from './namespaces';
import type { VendorRuntime } from './vendor-runtime';

export interface Metrics {
  /** Counts a finished vendor exchange; cheap enough for every request (counts are kept in a Map until scraped). */
  observe: ExchangeObserver;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
  contentType: string;
}

interface AnsweredCount {
  labels: Record<'vendor' | 'operation' | 'status', string>;
  count: number;
}

export function createMetrics(journal: Journal, namespaces: NamespaceRegistry, runtimes: readonly VendorRuntime[], store?: { readonly racesLost: number }): Metrics {
  const registry = new Registry();
  // Counted here and handed to prom-client when scraped: its inc() hashes and checks the labels on every call
  // (about 5k instructions a request under callgrind). Nested by label so that counting builds no key string.
  const answered = new Map<string, Map<string, Map<number | 'dropped', AnsweredCount>>>();
  new Counter({
    name: 'share_emulator_requests_total',
    help: 'Vendor requests answered, by vendor, operation and status.',
    labelNames: ['vendor', 'operation', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const byOperation of answered.values()) for (const byStatus of byOperation.values()) for (const { labels, count } of byStatus.values()) this.inc(labels, count);
    },
  });
  const duration = new DurationHistogram('share_emulator_request_duration_seconds', 'Time from a vendor request arriving to its answer being written.', [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  const faults = new Counter({ name: 'share_emulator_faults_fired_total', help: 'Answers injected by a fault rule or the X-Emulator-Fault header, by vendor.', labelNames: ['vendor'], registers: [registry] });
  new Gauge({
    name: 'share_emulator_journal_entries',
    help: 'Entries in the request journal.',
    registers: [registry],
    collect() {
      this.set(journal.size);
    },
  });
  new Gauge({
    name: 'share_emulator_journal_bytes',
    help: 'Bytes the journal entries are counted as (bounded by JOURNAL_BYTES).',
    registers: [registry],
    collect() {
      this.set(journal.bytes);
    },
  });
  new Gauge({
    name: 'share_emulator_namespaces',
    help: 'Namespaces alive (the default one included).',
    registers: [registry],
    collect() {
      this.set(namespaces.names().length);
    },
  });
  new Gauge({
    name: 'share_emulator_records',
    help: 'Records each vendor holds, summed over the namespaces alive, by kind.',
    labelNames: ['vendor', 'kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const runtime of runtimes) {
        const totals: Record<string, number> = {};
        for (const name of namespaces.names()) {
          const state = namespaces.existingState(name, runtime.name);
          if (state === undefined) continue;
          for (const [kind, n] of Object.entries(runtime.module.countRecords(state))) totals[kind] = (totals[kind] ?? 0) + n;
        }
        for (const [kind, n] of Object.entries(totals)) this.set({ vendor: runtime.name, kind }, n);
      }
    },
  });
  if (store) {
    new Counter({
      name: 'share_emulator_store_races_lost_total',
      help: 'Times this process ran a request again because another process committed to the shared store first.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(store.racesLost);
      },
    });
  }

  return {
    observe: (e: Exchange) => {
      // Keyed by the label values themselves, so one count is one series.
      const vendor = e.vendor ?? 'none';
      const operation = e.operationId ?? 'none';
      const status = e.dropped ? 'dropped' : e.status;
      let byOperation = answered.get(vendor);
      if (byOperation === undefined) answered.set(vendor, (byOperation = new Map()));
      let byStatus = byOperation.get(operation);
      if (byStatus === undefined) byOperation.set(operation, (byStatus = new Map()));
      const counted = byStatus.get(status);
      if (counted) counted.count += 1;
      else byStatus.set(status, { labels: { vendor, operation, status: String(status) }, count: 1 });
      duration.observe(vendor, e.durationMs / 1000);
      if (e.fault !== undefined) faults.labels(vendor).inc();
    },
    // prom-client ends its exposition with one newline and separates families with an empty line.
    text: async () => `${await registry.metrics()}\n${duration.text()}`,
    contentType: registry.contentType,
  };
}
