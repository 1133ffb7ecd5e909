// EnergyCAP response bodies built from state: DashboardResponse, ShareResponse, users and user groups.
import { isShared, isVisibleTo } from './permissions';
import type { EcDashboard, EcGroup, EcUser, EnergycapState } from './state';

export function userChild(user: EcUser): { userId: number; userCode: string; fullName: string } {
  return { userId: user.userId, userCode: user.userCode, fullName: user.fullName };
}

export function dashboardView(state: EnergycapState, d: EcDashboard, caller: EcUser): Record<string, unknown> {
  const creator = state.users.get(d.createdBy);
  return {
    dashboardId: d.dashboardId,
    dashboardInfo: d.dashboardInfo,
    description: d.description,
    type: d.type,
    createdBy: creator ? userChild(creator) : { userId: d.createdBy, userCode: '', fullName: '' },
    createdDate: d.createdDate,
    modifiedDate: d.modifiedDate,
    shared: isShared(d),
    visible: isVisibleTo(state, d, caller),
    lastViewed: null,
    key: d.public ? d.key : null,
    public: d.public,
    dashboardGlobalSettings: d.public ? { showLinks: true, showInfo: true, globalFilterVisibility: 'Show' } : null,
  };
}

/** The share state as GET and PUT return it: direct users only, group members are not expanded. */
export function shareView(state: EnergycapState, d: EcDashboard): Record<string, unknown> {
  return {
    sharedWithEveryone: d.share.sharedWithEveryone,
    sharedUsers: d.share.userIds.map((id) => state.users.get(id)).filter((u): u is EcUser => u !== undefined).map(userChild),
    sharedUserGroups: d.share.groupIds
      .map((id) => state.groups.get(id))
      .filter((g): g is EcGroup => g !== undefined)
      .map((g) => ({ userGroupId: g.userGroupId, userGroupName: g.userGroupName })),
  };
}

export function userView(state: EnergycapState, user: EcUser): Record<string, unknown> {
  const role = state.roles.get(user.roleId);
  return {
    ...userChild(user),
    email: user.email,
    active: user.active,
    userRole: { userRoleId: user.roleId, userRoleName: role?.userRoleName ?? '' },
  };
}

export function groupView(group: EcGroup): Record<string, unknown> {
  return {
    userGroupId: group.userGroupId,
    userGroupName: group.userGroupName,
    description: group.description,
    memberCount: group.memberIds.size,
    lastUpdated: group.lastUpdated,
  };
}
