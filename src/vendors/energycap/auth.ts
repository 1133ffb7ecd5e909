// EnergyCAP authentication: `ECI-ApiKey: <key>`, or the deprecated `Authorization: bearer <token>`. When
// both are sent the API key is used, so a bad key fails even with a good token.
import { Unauthorized } from '../../core/errors';
import type { Authenticated, VendorRequest } from '../../core/vendor';
import type { EcUser, EnergycapState } from './state';

export interface EnergycapPrincipal {
  user: EcUser;
}

/** ASP.NET Web API's text for a failed [Authorize] check [A]. */
export const DENIED = 'Authorization has been denied for this request.';

export function authenticateEnergycap(request: VendorRequest, state: EnergycapState): Authenticated<EnergycapState, EnergycapPrincipal> {
  const apiKey = request.headers['eci-apikey'];
  let userId: number | undefined;
  if (typeof apiKey === 'string' && apiKey.trim() !== '') {
    request.explain.credential('header', 'ECI-ApiKey', apiKey.trim());
    userId = state.apiKeys.get(apiKey.trim());
  } else {
    const bearer = /^bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '');
    if (!bearer) throw new Unauthorized(DENIED, 'missing');
    request.explain.credential('header', 'Authorization', bearer[1] as string);
    userId = state.bearerTokens.get(bearer[1] as string);
  }
  const user = userId === undefined ? undefined : state.users.get(userId);
  if (user && !user.active) request.explain.rule('the user is active', false, { userId: user.userId }, `${user.fullName} (user ${user.userId}) is inactive`);
  if (!user || !user.active) throw new Unauthorized(DENIED);
  request.explain.principal(`${user.fullName} (user ${user.userId})`);
  return { store: state, principal: { user } };
}
