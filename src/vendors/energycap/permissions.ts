// The permission rules of EnergyCAP's dashboard operations, exactly as the operation summaries state them
// (research/energycap.md section 5). Each level is an explicit flag: Manage does not imply View.
import type { Explainer } from '../../core/explanation/explanation';
import type { EcDashboard, EcUser, EnergycapState, PermissionLevel } from './state';

export function has(state: EnergycapState, user: EcUser, permission: string, level: PermissionLevel): boolean {
  return state.roles.get(user.roleId)?.permissions.get(permission)?.has(level) === true;
}

/** Shared at all: with everyone, with a user, or with a user group. */
export function isShared(d: EcDashboard): boolean {
  return d.share.sharedWithEveryone || d.share.userIds.length > 0 || d.share.groupIds.length > 0;
}

/** Shared with this user: everyone, the user's id, or a group the user is a member of. */
export function isSharedWith(state: EnergycapState, d: EcDashboard, user: EcUser): boolean {
  if (d.share.sharedWithEveryone || d.share.userIds.includes(user.userId)) return true;
  return d.share.groupIds.some((id) => state.groups.get(id)?.memberIds.has(user.userId) === true);
}

/** creator OR (DashboardAdministrator Manage AND (shared OR public)) OR (SharedDashboardsOrMaps View AND shared with the caller). */
export function canRead(state: EnergycapState, d: EcDashboard, user: EcUser): boolean {
  return (
    d.createdBy === user.userId ||
    (has(state, user, 'DashboardAdministrator', 'Manage') && (isShared(d) || d.public)) ||
    (has(state, user, 'SharedDashboardsOrMaps', 'View') && isSharedWith(state, d, user))
  );
}

/** (creator AND SharedDashboardsOrMaps Create) OR (DashboardAdministrator Manage AND (shared OR public)). */
export function canEditShare(state: EnergycapState, d: EcDashboard, user: EcUser): boolean {
  return (
    (d.createdBy === user.userId && has(state, user, 'SharedDashboardsOrMaps', 'Create')) ||
    (has(state, user, 'DashboardAdministrator', 'Manage') && (isShared(d) || d.public))
  );
}

/** [A] In the caller's tree: created by or shared with the caller. */
export function isVisibleTo(state: EnergycapState, d: EcDashboard, user: EcUser): boolean {
  return d.createdBy === user.userId || isSharedWith(state, d, user);
}

const who = (user: EcUser): string => `${user.fullName} (user ${user.userId})`;

/** canRead, recorded with its inputs and, when it fails, why, in the operation summaries' terms. */
export function explainRead(explain: Explainer, state: EnergycapState, d: EcDashboard, user: EcUser): boolean {
  const admin = has(state, user, 'DashboardAdministrator', 'Manage');
  const viewer = has(state, user, 'SharedDashboardsOrMaps', 'View');
  const inputs = { createdBy: d.createdBy, caller: user.userId, dashboardAdministratorManage: admin, sharedDashboardsOrMapsView: viewer, shared: isShared(d), public: d.public, sharedWithCaller: isSharedWith(state, d, user) };
  const because = (): string => `${who(user)} did not create dashboard ${d.dashboardId}, it is ${inputs.sharedWithCaller ? '' : 'not '}shared with them${viewer ? '' : ' and their role lacks SharedDashboardsOrMaps View'}, and ${admin ? 'the dashboard is neither shared nor public' : 'their role lacks DashboardAdministrator Manage'}: it reads as not found`;
  return explain.rule('read: creator OR (DashboardAdministrator Manage AND (shared OR public)) OR (SharedDashboardsOrMaps View AND shared with the caller)', canRead(state, d, user), inputs, because);
}

/** canEditShare, recorded likewise. */
export function explainEditShare(explain: Explainer, state: EnergycapState, d: EcDashboard, user: EcUser): boolean {
  const creator = d.createdBy === user.userId;
  const create = has(state, user, 'SharedDashboardsOrMaps', 'Create');
  const admin = has(state, user, 'DashboardAdministrator', 'Manage');
  const inputs = { createdBy: d.createdBy, caller: user.userId, sharedDashboardsOrMapsCreate: create, dashboardAdministratorManage: admin, shared: isShared(d), public: d.public };
  const because = (): string => {
    const creatorPart = creator ? `${who(user)} created dashboard ${d.dashboardId} but their role lacks SharedDashboardsOrMaps Create` : `${who(user)} did not create dashboard ${d.dashboardId}`;
    const adminPart = admin ? 'the dashboard is neither shared nor public, which DashboardAdministrator Manage needs' : 'they are not a DashboardAdministrator (Manage)';
    return `${creatorPart}, and ${adminPart}`;
  };
  return explain.rule('edit share: (creator AND SharedDashboardsOrMaps Create) OR (DashboardAdministrator Manage AND (shared OR public))', canEditShare(state, d, user), inputs, because);
}

/** A plain permission check (e.g. UsersAndUserGroups View), recorded. */
export function explainHas(explain: Explainer, state: EnergycapState, user: EcUser, permission: string, level: PermissionLevel): boolean {
  return explain.rule(`${permission} ${level}`, has(state, user, permission, level), { caller: user.userId, roleId: user.roleId }, () => `the role of ${who(user)} lacks ${permission} ${level}`);
}
