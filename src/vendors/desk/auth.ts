// DESK authentication: the environment from the path (or the default one on SaaS paths), then the
// Api-Token from the Authorization header or the api-token (or Api-Token) query parameter, then the operation's scope.
import { Forbidden, TenantNotFound, Unauthorized } from '../../core/errors';
import { maskCredential } from '../../core/explanation/explanation';
import type { Operation } from '../../core/spec/operation-table';
import type { Authenticated, VendorRequest } from '../../core/vendor';
import type { DeskEnvironment, DeskState, DeskToken } from './state';

export interface DeskPrincipal {
  token: DeskToken;
}

/** The display names the server puts after a scope in its 403 message. */
const SCOPE_LABELS: Readonly<Record<string, string>> = {
  ReadConfig: 'Read configuration',
  WriteConfig: 'Write configuration',
};

export function authenticateDesk(request: VendorRequest, state: DeskState): Authenticated<DeskEnvironment, DeskPrincipal> {
  const environmentId = request.serverParams.environmentId ?? state.defaultEnvironmentId;
  const environment = state.environments.get(environmentId);
  if (!environment) request.explain.missed('environment', environmentId);
  if (!environment) throw new TenantNotFound(environmentId, `failed to resolve tenant ${environmentId}`);
  const credential = credentialOf(request, environment);
  if (credential === undefined) throw new Unauthorized('Missing authorization parameter.', 'missing');
  const token = environment.tokens.get(credential);
  if (!token) throw new Unauthorized('Token Authentication failed');
  const shown = tokenFacts(token, environment.id);
  request.explain.principal(shown.principal, shown.tenant);
  const { scopes: required, rule } = requiredScopes(request);
  const held = holdsOneOf(token, required);
  // The sentence is made only for a refusal.
  const because = held ? undefined : `token ${shown.masked} has ${shown.inputs.scopes} but ${request.operation.operationId} needs ${required.join(' or ')}`;
  if (required.length > 0 && !request.explain.rule(rule, held, shown.inputs, because)) {
    const choices = required.map((scope) => `${scope} (${SCOPE_LABELS[scope] ?? scope})`).join(', ');
    throw new Forbidden(`Token is missing required scope. Use one of: ${choices}`);
  }
  return { store: environment, principal: { token } };
}

/**
 * The token sent, '' for an Authorization header of another scheme (e.g. Bearer: [A] rejected as an
 * unknown token), or undefined when none was sent. The header wins over the query parameter.
 */
function credentialOf(request: VendorRequest, environment: DeskEnvironment): string | undefined {
  const sentHeader = request.headers.authorization;
  const last = lastHeaders.get(environment);
  if (last !== undefined && sentHeader === last.sent) {
    request.explain.credential('header', 'Authorization', last.token, publicPartOf(last.token, environment));
    return last.token;
  }
  const header = sentHeader?.trim();
  if (header) {
    const match = /^Api-Token\s+(\S+)$/i.exec(header);
    if (!match) {
      request.explain.credential('header', 'Authorization', header);
      return '';
    }
    const token = knownSpelling(match[1] as string, environment);
    if (sentHeader !== undefined && environment.tokens.has(token)) lastHeaders.set(environment, { sent: sentHeader, token });
    request.explain.credential('header', 'Authorization', token, publicPartOf(token, environment));
    return token;
  }
  // [A] The documented spelling, then the scheme's (`?Api-Token=`), which scripts that work against the real API send.
  const sent = request.query.get('api-token')?.[0] ?? request.query.get('Api-Token')?.[0];
  if (!sent) return undefined;
  const token = knownSpelling(sent, environment);
  request.explain.credential('query', request.query.has('api-token') ? 'api-token' : 'Api-Token', token, publicPartOf(token, environment));
  return token;
}

/**
 * By environment, the last Authorization header that named a known token, and that token in the state's spelling:
 * a client sends one header again and again, and an environment's tokens never change (a state change replaces
 * the environment), so the same header names the same token without reading it again. Weak: an environment a
 * state change replaced is not kept alive for it.
 */
const lastHeaders = new WeakMap<DeskEnvironment, { sent: string; token: string }>();

/**
 * A known token as the state spells it, the same string object on every request, so the lookups and comparisons
 * that follow (the environment's token map, the explanation's credential memo) end at an identity check.
 */
function knownSpelling(sent: string, environment: DeskEnvironment): string {
  return environment.tokens.get(sent)?.token ?? sent;
}

/** A known token's public part is found once (with its other shown facts); an unknown one's each time. */
function publicPartOf(token: string, environment: DeskEnvironment): string | undefined {
  const known = environment.tokens.get(token);
  return known ? tokenFacts(known, environment.id).publicPart : tokenId(token);
}

/** A token as explanations and messages show it: `dt0c01.<id>.****`. */
export function maskedToken(token: string): string {
  return maskCredential(token, tokenId(token));
}

/** A token's public part, `dt0c01.<id>.`: the vendor documents only the third part as secret. */
function tokenId(token: string): string | undefined {
  const parts = token.split('.');
  return parts.length === 3 ? `${parts[0] as string}.${parts[1] as string}.` : undefined;
}

/** Whether the token has any of the scopes (true when none is required). */
function holdsOneOf(token: DeskToken, scopes: readonly string[]): boolean {
  if (scopes.length === 0) return true;
  for (let i = 0; i < scopes.length; i++) if (token.scopes.has(scopes[i] as string)) return true;
  return false;
}

interface TokenFacts {
  publicPart: string | undefined;
  masked: string;
  principal: string;
  /** The environment it belongs to, as explanations name it. */
  tenant: string;
  inputs: Readonly<{ scopes: string }>;
}

// Tokens are immutable once loaded (a state change replaces them), so what explanations show of one is built once.
const factsByToken = new WeakMap<DeskToken, TokenFacts>();

function tokenFacts(token: DeskToken, environmentId: string): TokenFacts {
  let facts = factsByToken.get(token);
  if (!facts) {
    const publicPart = tokenId(token.token);
    const masked = maskCredential(token.token, publicPart);
    facts = { publicPart, masked, principal: `token ${masked} (${token.name})`, tenant: `environment ${environmentId}`, inputs: { scopes: [...token.scopes].join(', ') || 'no scope' } };
    factsByToken.set(token, facts);
  }
  return facts;
}

interface ScopeRule {
  scopes: string[];
  /** The rule as explanations name it. */
  rule: string;
}

const scopesByOperation = new WeakMap<Operation, ScopeRule>();

/** Scopes named by the operation's security requirements (any one of them suffices); computed once per operation. */
function requiredScopes(request: VendorRequest): ScopeRule {
  let required = scopesByOperation.get(request.operation);
  if (!required) {
    const set = new Set<string>();
    for (const requirement of request.operation.security) for (const list of Object.values(requirement)) for (const s of list) set.add(s);
    const scopes = [...set];
    required = { scopes, rule: `one of the scopes ${scopes.join(', ')}` };
    scopesByOperation.set(request.operation, required);
  }
  return required;
}
