// Command-line options, each with the environment variable that sets it too; --help is generated from
// this table so the two cannot disagree. Flags win over environment variables.
import { isLogFormat, isLogLevel, LOG_FORMATS, LOG_LEVELS } from '../core/log';
import type { LogFormat, LogLevel } from '../core/log';
import { RateLimitConfigError, parseRateLimits } from '../core/rate-limits/config';
import type { RateLimitSettings } from '../core/rate-limits/config';
import { SettingError, flagOf } from '../core/settings';
import { VENDORS } from '../vendors';

export interface CliConfig {
  port: number;
  host: string;
  fixturesDir?: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  seed?: number;
  bodyLimitBytes?: number;
  controlBodyLimitBytes?: number;
  journalSize?: number;
  journalBytes?: number;
  maxNamespaces?: number;
  adminToken?: string;
  corsOrigins?: string[];
  stateFile?: string;
  /** The shared store's URL (redis://host:port/db); absent: in memory. */
  store?: string;
  /** Processes serving the port (node:cluster); more than 1 needs a shared store. */
  workers: number;
  /** Vendors with their rate limits on (RATE_LIMITS); none by default. */
  rateLimits?: RateLimitSettings;
  metrics: boolean;
  explanations: boolean;
  /** Vendor [A] switches, by vendor then setting key. */
  vendorSettings: Record<string, Record<string, unknown>>;
  help: boolean;
  version: boolean;
}

interface OptionSpec {
  flag: string;
  env?: string;
  value?: string;
  description: string;
  apply(config: CliConfig, raw: string): void;
}

export class CliError extends Error {}

function integer(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

const CORE_OPTIONS: readonly OptionSpec[] = [
  { flag: '--port', env: 'PORT', value: 'N', description: 'port to listen on (0 = any free port)', apply: (c, r) => (c.port = integer('port', r, 0, 65535)) },
  { flag: '--host', env: 'HOST', value: 'ADDR', description: 'address to bind; 0.0.0.0 for every interface', apply: (c, r) => (c.host = r) },
  { flag: '--fixtures', env: 'FIXTURES_DIR', value: 'DIR', description: 'folder of <vendor>/state.json fixture files (missing vendors use the built-in ones)', apply: (c, r) => (c.fixturesDir = r) },
  {
    flag: '--log-level',
    env: 'LOG_LEVEL',
    value: 'LEVEL',
    description: `${LOG_LEVELS.join(' | ')}; info logs one line per request`,
    apply: (c, r) => {
      if (!isLogLevel(r)) throw new CliError(`log level must be one of ${LOG_LEVELS.join(', ')}, got "${r}"`);
      c.logLevel = r;
    },
  },
  {
    flag: '--log-format',
    env: 'LOG_FORMAT',
    value: 'FORMAT',
    description: `${LOG_FORMATS.join(' | ')}; json writes one JSON object a line (pino's shape) for log shippers`,
    apply: (c, r) => {
      if (!isLogFormat(r)) throw new CliError(`log format must be one of ${LOG_FORMATS.join(', ')}, got "${r}"`);
      c.logFormat = r;
    },
  },
  { flag: '--seed', env: 'SEED', value: 'N', description: 'seed for generated ids and tokens (repeatable runs)', apply: (c, r) => (c.seed = integer('seed', r, 0, 2 ** 32 - 1)) },
  { flag: '--body-limit', env: 'BODY_LIMIT', value: 'BYTES', description: 'largest accepted request body (default 1048576); larger ones get 413', apply: (c, r) => (c.bodyLimitBytes = integer('body limit', r, 1, 2 ** 30)) },
  { flag: '--control-body-limit', env: 'CONTROL_BODY_LIMIT', value: 'BYTES', description: 'largest accepted control-plane body, e.g. a state import (default 67108864)', apply: (c, r) => (c.controlBodyLimitBytes = integer('control body limit', r, 1, 2 ** 31)) },
  { flag: '--journal-size', env: 'JOURNAL_SIZE', value: 'N', description: 'request journal entries kept, a ring buffer shared by all namespaces (default 1000; 0 = off)', apply: (c, r) => (c.journalSize = integer('journal size', r, 0, 1_000_000)) },
  { flag: '--journal-bytes', env: 'JOURNAL_BYTES', value: 'BYTES', description: 'approximate bytes the request journal may hold; the oldest entries go first (default 33554432)', apply: (c, r) => (c.journalBytes = integer('journal bytes', r, 0, 2 ** 40)) },
  { flag: '--max-namespaces', env: 'MAX_NAMESPACES', value: 'N', description: 'namespaces kept besides the default one; the least recently used is dropped (default 100)', apply: (c, r) => (c.maxNamespaces = integer('max namespaces', r, 1, 100_000)) },
  { flag: '--admin-token', env: 'ADMIN_TOKEN', value: 'TOKEN', description: '/_emulator/* (but health) then needs Authorization: Bearer TOKEN', apply: (c, r) => (c.adminToken = r) },
  {
    flag: '--cors-origins',
    env: 'CORS_ORIGINS',
    value: 'LIST',
    description: "comma-separated origins allowed by CORS, or '*' (default: none, as the real services)",
    apply: (c, r) => (c.corsOrigins = r.split(',').map((o) => o.trim()).filter(Boolean)),
  },
  {
    flag: '--metrics',
    env: 'METRICS',
    value: 'on|off',
    description: 'Prometheus metrics at GET /_emulator/metrics (default on); off skips their per-request counting',
    apply: (c, r) => {
      if (r !== 'on' && r !== 'off') throw new CliError(`metrics must be on or off, got "${r}"`);
      c.metrics = r === 'on';
    },
  },
  {
    flag: '--explanations',
    env: 'EXPLANATIONS',
    value: 'on|off',
    description: "why each answer was given, in the journal and the log (default on); off skips recording it",
    apply: (c, r) => {
      if (r !== 'on' && r !== 'off') throw new CliError(`explanations must be on or off, got "${r}"`);
      c.explanations = r === 'on';
    },
  },
  {
    flag: '--rate-limits',
    env: 'RATE_LIMITS',
    value: 'LIST',
    description: "vendors whose rate limits apply: luzmo,desk,energycap or all, each optionally =PER_SECOND/BURST (default: none)",
    apply: (c, r) => {
      try {
        c.rateLimits = parseRateLimits(r, VENDORS.map((v) => v.name));
      } catch (error) {
        if (error instanceof RateLimitConfigError) throw new CliError(error.message);
        throw error;
      }
    },
  },
  { flag: '--state-file', env: 'STATE_FILE', value: 'PATH', description: 'persist the default namespace to this JSON file (loaded at start, saved after changes)', apply: (c, r) => (c.stateFile = r) },
  {
    flag: '--store',
    env: 'STORE',
    value: 'URL',
    description: 'share state, namespaces, fault rules and the journal with other emulator processes through this Redis (redis://host:port/db)',
    apply: (c, r) => {
      if (!/^rediss?:\/\//.test(r)) throw new CliError(`store must be a redis:// (or rediss://) URL, got "${r}"`);
      c.store = r;
    },
  },
  { flag: '--workers', env: 'WORKERS', value: 'N', description: 'processes serving the port (node:cluster); more than 1 needs --store', apply: (c, r) => (c.workers = integer('workers', r, 1, 64)) },
  { flag: '--help', description: 'print this help and exit', apply: (c) => (c.help = true) },
  { flag: '--version', description: 'print the version and exit', apply: (c) => (c.version = true) },
];

/** One option per vendor [A] switch, named after its environment variable. */
const VENDOR_OPTIONS: readonly OptionSpec[] = VENDORS.flatMap((vendor) =>
  vendor.settings.descriptors.map((d) => ({
    flag: flagOf(d.env),
    env: d.env,
    value: 'VALUE',
    description: `${vendor.name}: ${d.description}`,
    apply: (c: CliConfig, raw: string) => {
      try {
        (c.vendorSettings[vendor.name] ??= {})[d.key] = d.parse(raw);
      } catch (error) {
        if (error instanceof SettingError) throw new CliError(`${d.env} / ${flagOf(d.env)}: ${error.message}`);
        throw error;
      }
    },
  })),
);

export const OPTIONS: readonly OptionSpec[] = [...CORE_OPTIONS, ...VENDOR_OPTIONS];

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  const config: CliConfig = { port: 4010, host: '127.0.0.1', logLevel: 'info', logFormat: 'text', metrics: true, explanations: true, workers: 1, vendorSettings: {}, help: false, version: false };
  for (const option of OPTIONS) {
    const raw = option.env ? env[option.env] : undefined;
    if (raw !== undefined && raw !== '') option.apply(config, raw);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) throw new CliError(`unknown option ${arg} (see --help)`);
    if (!option.value) {
      option.apply(config, '');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new CliError(`${flag} needs a value`);
    option.apply(config, value);
  }
  if (config.workers > 1 && config.store === undefined) throw new CliError('--workers above 1 needs a shared store (--store redis://...): separate processes would otherwise each keep their own state');
  if (config.store !== undefined && config.stateFile !== undefined) throw new CliError('--store and --state-file cannot be combined: the store already keeps the state');
  return config;
}

export function helpText(): string {
  const rows = OPTIONS.map((o) => {
    const left = o.value ? `${o.flag} ${o.value}` : o.flag;
    const env = o.env ? ` [env ${o.env}]` : '';
    const pad = ' '.repeat(31);
    return left.length > 28 ? `  ${left}\n${pad}${o.description}${env}` : `  ${left.padEnd(28)} ${o.description}${env}`;
  });
  return [
    'share-emulator: a stateful emulator of the Luzmo, EnergyCAP and DESK dashboard-sharing APIs',
    '',
    'Usage: share-emulator [options]',
    '',
    'Options (each also settable by the environment variable shown):',
    ...rows,
    '',
    'Control plane (see specs/emulator.openapi.yaml): GET /_emulator/health, POST /_emulator/reset,',
    'GET|PUT /_emulator/state, GET|DELETE /_emulator/requests[/{id}] (?format=har), GET /_emulator/events,',
    'GET|POST|DELETE /_emulator/faults[/{id}], GET|DELETE /_emulator/namespaces[/{name}], POST /_emulator/clock,',
    'GET /_emulator/specs/{vendor}[/operations], GET /_emulator/metrics; the console at /_emulator/ui/.',
    'Header X-Emulator-Namespace selects an isolated namespace.',
  ].join('\n');
}
