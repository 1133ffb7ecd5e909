// Associating a share with its dashboard (securable) or locale, and dissociating it again. Who may do
// what follows Luzmo's "Can be executed by" rules; [A] marks the choices where the docs are silent.
import { BadRequest, Forbidden, NotFound } from '../../core/errors';
import type { Explainer } from '../../core/explanation/explanation';
import type { LuzmoSettings } from './settings';
import type { LuzmoState, ShareRecord } from './state';

export type AssociationKind = 'securable' | 'locale';

export interface Association {
  role: string;
  id: string;
}

/** Plural and singular role names are both accepted; a manual user link and unknown roles are refused. */
export function associationKind(role: string): AssociationKind {
  if (role === 'Securables' || role === 'Securable') return 'securable';
  if (role === 'Locales' || role === 'Locale') return 'locale';
  if (role === 'Users' || role === 'User') {
    throw new BadRequest('A share is linked to the user who created it automatically; that association cannot be changed manually.'); // [A]
  }
  throw new BadRequest(`Role '${role}' is not a valid association for a share; use Securables or Locales.`); // [A]
}

/** Share Owner & Securable Owner (dashboard); Logged-in User & owner of the shared dashboard (locale). */
export function associate(state: LuzmoState, share: ShareRecord, association: Association, callerId: string, settings: LuzmoSettings, explain: Explainer): void {
  const kind = associationKind(association.role);
  if (kind === 'securable') {
    const dashboard = state.dashboards.get(association.id);
    if (!dashboard) explain.missed('dashboard', association.id);
    if (!dashboard) throw new NotFound(`Dashboard ${association.id} not found.`);
    requireShareOwner(share, callerId, explain, 'Only the owner of the share can associate it with a dashboard.');
    if (!explain.rule('Securable Owner: the caller owns the dashboard', dashboard.ownerId === callerId, { dashboard: dashboard.id, owner: dashboard.ownerId, caller: callerId }, () => `the caller ${callerId} does not own dashboard ${dashboard.id} (its owner is ${dashboard.ownerId})`)) {
      throw new Forbidden(`You must own dashboard ${association.id} to share it.`);
    }
    share.securable_id = dashboard.id;
    return;
  }
  if (!state.locales.has(association.id)) explain.missed('locale', association.id);
  if (!state.locales.has(association.id)) throw new NotFound(`Locale ${association.id} not found.`);
  if (share.securable_id === null && settings.localeRequiresDashboard) {
    throw new BadRequest(`Share ${share.id} must be associated with a dashboard before a locale.`); // [A] opt-in
  }
  requireDashboardOwner(state, share, callerId, 'set the locale of', explain);
  share.locale_id = association.id;
}

export function dissociate(state: LuzmoState, share: ShareRecord, association: Association, callerId: string, explain: Explainer): void {
  const kind = associationKind(association.role);
  if (kind === 'securable') {
    if (share.securable_id !== association.id) explain.missed(`association of share ${share.id} with dashboard`, association.id);
    if (share.securable_id !== association.id) throw new NotFound(`Share ${share.id} is not associated with dashboard ${association.id}.`); // [A]
    requireShareOwner(share, callerId, explain, 'Only the owner of the share can dissociate it from its dashboard.');
    const dashboard = state.dashboards.get(association.id);
    if (dashboard && !explain.rule('Securable Owner: the caller owns the dashboard', dashboard.ownerId === callerId, { dashboard: dashboard.id, owner: dashboard.ownerId, caller: callerId }, () => `the caller ${callerId} does not own dashboard ${dashboard.id} (its owner is ${dashboard.ownerId})`)) {
      throw new Forbidden(`You must own dashboard ${association.id} to unshare it.`);
    }
    share.securable_id = null;
    return;
  }
  if (share.locale_id !== association.id) explain.missed(`association of share ${share.id} with locale`, association.id);
  if (share.locale_id !== association.id) throw new NotFound(`Share ${share.id} is not associated with locale ${association.id}.`); // [A]
  requireDashboardOwner(state, share, callerId, 'change the locale of', explain);
  share.locale_id = null;
}

function requireShareOwner(share: ShareRecord, callerId: string, explain: Explainer, refusal: string): void {
  if (!explain.rule('Share Owner: the caller created the share', share.user_id === callerId, { share: share.id, owner: share.user_id, caller: callerId }, () => `the caller ${callerId} did not create share ${share.id} (${share.user_id} did)`)) {
    throw new Forbidden(refusal);
  }
}

/** The owner of the shared dashboard decides the locale; [A] a share without a dashboard: its own owner. */
function requireDashboardOwner(state: LuzmoState, share: ShareRecord, callerId: string, what: string, explain: Explainer): void {
  if (share.securable_id === null) {
    requireShareOwner(share, callerId, explain, `Only the owner of share ${share.id} can ${what} it.`);
    return;
  }
  const dashboard = state.dashboards.get(share.securable_id);
  const owner = dashboard?.ownerId ?? null;
  if (!explain.rule('the caller owns the shared dashboard', owner === callerId, { dashboard: share.securable_id, owner, caller: callerId }, () => `the caller ${callerId} does not own dashboard ${share.securable_id}, which share ${share.id} shares`)) {
    throw new Forbidden(`You must own the shared dashboard to ${what} this share.`);
  }
}

/** [A] Inline associations of a create are applied dashboards first, so a locale can follow its dashboard. */
export function inCreateOrder(associations: readonly Association[]): Association[] {
  const rank = (a: Association): number => (associationKind(a.role) === 'securable' ? 0 : 1);
  return [...associations].sort((a, b) => rank(a) - rank(b));
}
