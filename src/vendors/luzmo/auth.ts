// Luzmo authentication: the key/token pair and the API version travel in the JSON body, so the body is
// parsed first; the version must match the one in the path.
import { BadRequest, Unauthorized } from '../../core/errors';
import type { Authenticated, VendorRequest } from '../../core/vendor';
import type { LuzmoState, LuzmoUser } from './state';
import { credentialKey } from './state';

export interface LuzmoPrincipal {
  user: LuzmoUser;
  /** The pair the call came with: the rate limit counts per authorization token. */
  credential: { key: string; token: string };
}

export function authenticateLuzmo(request: VendorRequest, state: LuzmoState): Authenticated<LuzmoState, LuzmoPrincipal> {
  const body = request.json();
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { key, token, version } = fields;
  if (typeof key !== 'string' || typeof token !== 'string' || key === '' || token === '') {
    throw new Unauthorized('Missing API key or token.', 'missing'); // [A] wording
  }
  request.explain.credential('body', 'key', key);
  const userId = state.credentials.get(credentialKey(key, token));
  const user = userId === undefined ? undefined : state.users.get(userId);
  if (!user) throw new Unauthorized('Invalid API key or token.'); // [A] wording
  request.explain.principal(`${user.name} (user ${user.id})`);
  const pathVersion = request.path.split('/')[1] ?? '';
  if (version !== pathVersion) {
    throw new BadRequest(`Version '${String(version)}' in the body does not match the API version '${pathVersion}' of this route.`); // [A]
  }
  return { store: state, principal: { user, credential: { key, token } } };
}
