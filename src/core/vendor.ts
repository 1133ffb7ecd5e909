// The contract between the vendor-agnostic core and one emulated vendor. A vendor brings its spec, how
// to build state from fixtures, how to authenticate, its handlers (keyed by operationId) and its error
// envelope; the core brings routing, validation, state per namespace, and the HTTP plumbing.
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock';
import type { EmulatorError } from './errors';
import type { Explainer } from './explanation/explanation';
import type { Random } from './random';
import type { RateLimitPolicy } from './rate-limits/policy';
import type { CredentialLocations } from './redaction';
import type { Operation } from './spec/operation-table';
import type { NullAsAbsent, ValidatedInput } from './validation/request-validator';

/** What a handler or error renderer returns; `body` is serialized as JSON unless `text` is given. */
export interface VendorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body that is not JSON (e.g. a plain-text 404), sent as is with `contentType`. */
  text?: string;
  contentType?: string;
}

/** The request as vendor code sees it: no Express objects. */
export interface VendorRequest {
  readonly id: string;
  readonly method: string;
  /** The path without the query string, still percent-encoded. */
  readonly path: string;
  readonly query: ReadonlyMap<string, string[]>;
  readonly headers: IncomingHttpHeaders;
  readonly operation: Operation;
  readonly serverParams: Readonly<Record<string, string>>;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly rawBody: Buffer;
  /** The body as UTF-8 text ('' when there is none). */
  readonly bodyText: string;
  /** The parsed JSON body (undefined when empty). Throws MalformedBody or UnsupportedMediaType. */
  json(): unknown;
  /** Where vendor code records why it decided as it did (credential read, rules, records changed or missed). */
  readonly explain: Explainer;
}

export interface VendorCors {
  methods: readonly string[];
  requestHeaders: readonly string[];
  exposedHeaders: readonly string[];
}

export interface RuntimeServices {
  clock: Clock;
  random: Random;
}

export interface HandlerContext<Store, Principal, Settings> extends RuntimeServices {
  operation: Operation;
  request: VendorRequest;
  /** Validated (and, where the vendor coerces, coerced) parameters and body. */
  input: ValidatedInput;
  /** The tenant's store chosen by authentication. */
  store: Store;
  principal: Principal;
  settings: Settings;
}

export type Handler<Store, Principal, Settings> = (
  ctx: HandlerContext<Store, Principal, Settings>,
) => VendorResponse | Promise<VendorResponse>;

export interface Authenticated<Store, Principal> {
  store: Store;
  principal: Principal;
}

/** One documented [A] switch of a vendor: how it is set from the environment and what it means. */
export interface SettingDescriptor<Settings> {
  key: keyof Settings & string;
  env: string;
  description: string;
  parse(raw: string): Settings[keyof Settings];
}

export interface VendorModule<State, Store, Principal, Settings> {
  /** Short name used in paths, fixtures and the control plane: 'desk', 'luzmo', 'energycap'. */
  name: string;
  title: string;
  /** File name under specs/. */
  specFile: string;
  /** Name of the state-document schema in specs/emulator.openapi.yaml (fixtures, state export/import). */
  stateSchema: string;
  /** Path patterns answered in this vendor's terms besides its spec's server bases. */
  claims?: readonly RegExp[];
  caseInsensitivePaths?: boolean;
  /**
   * How request bodies are read before validation, chosen to match the vendor's JSON library; `maxJsonDepth`
   * is its nesting limit (capped at the depth the emulator can store and serve back, STORABLE_JSON_DEPTH).
   */
  bodyParsing: { coerceTypes: boolean; nullAsAbsent: NullAsAbsent; caseInsensitiveProperties?: boolean; maxJsonDepth: number };
  /** What a browser needs allowed and exposed to call this vendor across origins (when CORS_ORIGINS allows it). */
  cors: VendorCors;
  settings: { defaults: Settings; descriptors: readonly SettingDescriptor<Settings>[] };
  /** Builds the whole vendor state (every tenant) from a fixture/state document; throws on a bad one. */
  createState(document: unknown, services: RuntimeServices, settings: Settings): State;
  /** The state as a JSON document of the same shape createState reads. */
  exportState(state: State): unknown;
  /** How many records of each kind the state holds (for metrics), e.g. { dashboards: 3, users: 2 }. */
  countRecords(state: State): Record<string, number>;
  /** Picks the tenant and the caller; throws Unauthorized, Forbidden or TenantNotFound. */
  authenticate(request: VendorRequest, state: State, settings: Settings): Authenticated<Store, Principal>;
  handlers: Readonly<Record<string, Handler<Store, Principal, Settings>>>;
  /** Spec operations deliberately not served, with the reason; they answer 501 in the vendor's envelope. */
  notImplemented?: Readonly<Record<string, string>>;
  /** The vendor's envelope for every typed error. `request` is absent when the failure came before routing. */
  renderError(error: EmulatorError, request: VendorRequest | undefined, settings: Settings): VendorResponse;
  /** How calls are counted when rate limits are on for this vendor (RATE_LIMITS); the 429 goes through renderError. */
  rateLimit?: RateLimitPolicy<Principal>;
  /** Content-Type of the vendor's JSON responses. */
  jsonContentType: string;
  /** Where this vendor's credentials travel, so the journal can mask them. */
  credentials: CredentialLocations;
}

// The registry holds modules of different type parameters; handlers are contravariant in them, so the
// erased form has to be `any` here and only here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVendorModule = VendorModule<any, any, any, any>;

/** Identity helper that keeps a vendor module's type parameters inferred at its definition. */
export function defineVendor<State, Store, Principal, Settings>(
  module: VendorModule<State, Store, Principal, Settings>,
): VendorModule<State, Store, Principal, Settings> {
  return module;
}
