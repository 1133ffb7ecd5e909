// DESK authentication: the environment from the path (or the default one on SaaS paths), then the
// Api-Token from the Authorization header or the api-token query parameter, then the operation's scope.
import { Forbidden, TenantNotFound, Unauthorized } from '../../core/errors';
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
  if (!environment) throw new TenantNotFound(environmentId, `failed to resolve tenant ${environmentId}`);
  const credential = credentialOf(request);
  if (credential === undefined) throw new Unauthorized('Missing authorization parameter.', 'missing');
  const token = environment.tokens.get(credential);
  if (!token) throw new Unauthorized('Token Authentication failed');
  const required = requiredScopes(request);
  if (required.length > 0 && !required.some((scope) => token.scopes.has(scope))) {
    const choices = required.map((scope) => `${scope} (${SCOPE_LABELS[scope] ?? scope})`).join(', ');
    throw new Forbidden(`Token is missing required scope. Use one of: ${choices}`);
  }
  return { store: environment, principal: { token } };
}

/**
 * The token sent, '' for an Authorization header of another scheme (e.g. Bearer: [A] rejected as an
 * unknown token), or undefined when none was sent. The header wins over the query parameter.
 */
function credentialOf(request: VendorRequest): string | undefined {
  const header = request.headers.authorization?.trim();
  if (header) {
    const match = /^Api-Token\s+(\S+)$/i.exec(header);
    return match ? (match[1] as string) : '';
  }
  const query = request.query.get('api-token')?.[0];
  return query ? query : undefined;
}

const scopesByOperation = new WeakMap<Operation, string[]>();

/** Scopes named by the operation's security requirements (any one of them suffices); computed once per operation. */
function requiredScopes(request: VendorRequest): string[] {
  let scopes = scopesByOperation.get(request.operation);
  if (!scopes) {
    const set = new Set<string>();
    for (const requirement of request.operation.security) for (const list of Object.values(requirement)) for (const s of list) set.add(s);
    scopes = [...set];
    scopesByOperation.set(request.operation, scopes);
  }
  return scopes;
}
