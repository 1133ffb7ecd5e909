// EnergyCAP state: roles (named permissions at explicit levels), users with their API keys and bearer
// tokens, user groups, and dashboards with their share state. Ids are int32, as in the API.
import { StateDocumentError } from '../../core/state-document';

export type PermissionLevel = 'View' | 'Create' | 'Edit' | 'Delete' | 'Manage';

export interface Role {
  userRoleId: number;
  userRoleName: string;
  /** Permission name -> the levels granted; a level is an explicit flag, none implies another. */
  permissions: Map<string, Set<PermissionLevel>>;
}

export interface EcUser {
  userId: number;
  userCode: string;
  fullName: string;
  email: string | null;
  active: boolean;
  roleId: number;
}

export interface EcGroup {
  userGroupId: number;
  userGroupName: string;
  description: string | null;
  memberIds: Set<number>;
  lastUpdated: string | null;
}

export interface ShareState {
  sharedWithEveryone: boolean;
  /** Ordered by id, without duplicates. */
  userIds: number[];
  groupIds: number[];
}

export interface EcDashboard {
  dashboardId: number;
  dashboardInfo: string;
  description: string | null;
  type: 'User' | 'Map';
  createdBy: number;
  createdDate: string;
  modifiedDate: string;
  public: boolean;
  key: string | null;
  share: ShareState;
}

export interface EnergycapState {
  roles: Map<number, Role>;
  users: Map<number, EcUser>;
  groups: Map<number, EcGroup>;
  dashboards: Map<number, EcDashboard>;
  apiKeys: Map<string, number>;
  bearerTokens: Map<string, number>;
  nextDashboardId: number;
}

/** specs/emulator.openapi.yaml#/components/schemas/EnergycapState, already schema-checked. */
interface EnergycapStateDocument {
  roles: { userRoleId: number; userRoleName: string; permissions?: Record<string, PermissionLevel[]> }[];
  users: {
    userId: number;
    userCode: string;
    fullName?: string;
    email?: string | null;
    active?: boolean;
    userRoleId: number;
    apiKeys?: string[];
    bearerTokens?: string[];
  }[];
  userGroups?: { userGroupId: number; userGroupName: string; description?: string | null; memberIds?: number[]; lastUpdated?: string | null }[];
  dashboards?: {
    dashboardId: number;
    dashboardInfo: string;
    description?: string | null;
    type?: 'User' | 'Map';
    createdBy: number;
    createdDate?: string;
    modifiedDate?: string;
    public?: boolean;
    key?: string | null;
    sharedWithEveryone?: boolean;
    sharedUserIds?: number[];
    sharedUserGroupIds?: number[];
  }[];
}

export function sortedUnique(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function createEnergycapState(raw: unknown, now: Date): EnergycapState {
  const doc = raw as EnergycapStateDocument;
  const problems: string[] = [];
  const stamp = now.toISOString();
  const unique = <T>(map: Map<number, T>, id: number, what: string): void => {
    if (map.has(id)) problems.push(`${what} ${id} is listed twice`);
  };
  const roles = new Map<number, Role>();
  for (const r of doc.roles) {
    unique(roles, r.userRoleId, 'role');
    const permissions = new Map(Object.entries(r.permissions ?? {}).map(([name, levels]) => [name, new Set(levels)]));
    roles.set(r.userRoleId, { userRoleId: r.userRoleId, userRoleName: r.userRoleName, permissions });
  }
  const users = new Map<number, EcUser>();
  const apiKeys = new Map<string, number>();
  const bearerTokens = new Map<string, number>();
  for (const u of doc.users) {
    unique(users, u.userId, 'user');
    if (!roles.has(u.userRoleId)) problems.push(`user ${u.userId}: role ${u.userRoleId} does not exist`);
    users.set(u.userId, { userId: u.userId, userCode: u.userCode, fullName: u.fullName ?? u.userCode, email: u.email ?? null, active: u.active ?? true, roleId: u.userRoleId });
    for (const key of u.apiKeys ?? []) {
      if (apiKeys.has(key)) problems.push(`API key ${key.slice(0, 10)}… is listed twice`);
      apiKeys.set(key, u.userId);
    }
    for (const token of u.bearerTokens ?? []) bearerTokens.set(token, u.userId);
  }
  const groups = new Map<number, EcGroup>();
  for (const g of doc.userGroups ?? []) {
    unique(groups, g.userGroupId, 'user group');
    for (const m of g.memberIds ?? []) if (!users.has(m)) problems.push(`user group ${g.userGroupId}: member ${m} is not a user`);
    groups.set(g.userGroupId, {
      userGroupId: g.userGroupId,
      userGroupName: g.userGroupName,
      description: g.description ?? null,
      memberIds: new Set(g.memberIds ?? []),
      lastUpdated: g.lastUpdated ?? null,
    });
  }
  const dashboards = new Map<number, EcDashboard>();
  for (const d of doc.dashboards ?? []) {
    unique(dashboards, d.dashboardId, 'dashboard');
    if (!users.has(d.createdBy)) problems.push(`dashboard ${d.dashboardId}: createdBy ${d.createdBy} is not a user`);
    for (const id of d.sharedUserIds ?? []) if (!users.has(id)) problems.push(`dashboard ${d.dashboardId}: shared user ${id} does not exist`);
    for (const id of d.sharedUserGroupIds ?? []) if (!groups.has(id)) problems.push(`dashboard ${d.dashboardId}: shared user group ${id} does not exist`);
    if (d.public && !d.key) problems.push(`dashboard ${d.dashboardId}: a public dashboard needs a key`);
    const created = d.createdDate ?? stamp;
    dashboards.set(d.dashboardId, {
      dashboardId: d.dashboardId,
      dashboardInfo: d.dashboardInfo,
      description: d.description ?? null,
      type: d.type ?? 'User',
      createdBy: d.createdBy,
      createdDate: created,
      modifiedDate: d.modifiedDate ?? created,
      public: d.public ?? false,
      key: d.public ? (d.key ?? null) : null,
      share: {
        sharedWithEveryone: d.sharedWithEveryone ?? false,
        userIds: sortedUnique(d.sharedUserIds ?? []),
        groupIds: sortedUnique(d.sharedUserGroupIds ?? []),
      },
    });
  }
  if (problems.length > 0) throw new StateDocumentError('energycap', problems);
  // A loop, not Math.max(...ids): spreading every id as an argument overflows the stack at ~150,000 dashboards.
  let nextDashboardId = 1;
  for (const id of dashboards.keys()) if (id >= nextDashboardId) nextDashboardId = id + 1;
  return { roles, users, groups, dashboards, apiKeys, bearerTokens, nextDashboardId };
}

export function exportEnergycapState(state: EnergycapState): EnergycapStateDocument {
  const byUser = (map: Map<string, number>, userId: number): string[] => [...map].filter(([, id]) => id === userId).map(([k]) => k);
  return {
    roles: [...state.roles.values()].map((r) => ({
      userRoleId: r.userRoleId,
      userRoleName: r.userRoleName,
      permissions: Object.fromEntries([...r.permissions].map(([name, levels]) => [name, [...levels]])),
    })),
    users: [...state.users.values()].map((u) => ({
      userId: u.userId,
      userCode: u.userCode,
      fullName: u.fullName,
      email: u.email,
      active: u.active,
      userRoleId: u.roleId,
      apiKeys: byUser(state.apiKeys, u.userId),
      bearerTokens: byUser(state.bearerTokens, u.userId),
    })),
    userGroups: [...state.groups.values()].map((g) => ({ ...g, memberIds: [...g.memberIds] })),
    dashboards: [...state.dashboards.values()].map(({ share, ...d }) => ({
      ...d,
      sharedWithEveryone: share.sharedWithEveryone,
      sharedUserIds: [...share.userIds],
      sharedUserGroupIds: [...share.groupIds],
    })),
  };
}
