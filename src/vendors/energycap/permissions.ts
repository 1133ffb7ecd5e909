// The permission rules of EnergyCAP's dashboard operations, exactly as the operation summaries state them
// (research/energycap.md section 5). Each level is an explicit flag: Manage does not imply View.
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
