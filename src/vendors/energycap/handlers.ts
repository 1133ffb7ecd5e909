// EnergyCAP handlers, keyed by the vendor's operation names: dashboards and their sharing, users and
// user groups. Permission failures go through deny() so the 403/401 [A] choice lives in one place.
import { BadRequest, Forbidden, NotFound, Unauthorized } from '../../core/errors';
import type { Handler, HandlerContext } from '../../core/vendor';
import type { EnergycapPrincipal } from './auth';
import { NOT_FOUND_TEXT } from './errors';
import { dashboardChanged, readableDashboardIds } from './dashboard-index';
import { matchesFilter, parseFilter } from './filter';
import { paged } from './paging';
import { explainEditShare, explainHas, explainRead, isShared, isVisibleTo } from './permissions';
import type { EnergycapSettings } from './settings';
import type { EcDashboard, EnergycapState } from './state';
import { sortedUnique } from './state';
import { dashboardView, groupView, shareView, userChild, userView } from './views';

type Ctx = HandlerContext<EnergycapState, EnergycapPrincipal, EnergycapSettings>;
type EcHandler = Handler<EnergycapState, EnergycapPrincipal, EnergycapSettings>;

/** [A] A known caller without the permission: 403 by default, 401 when ENERGYCAP_DENY_STATUS=401. */
function deny(ctx: Ctx, message: string): never {
  throw ctx.settings.denyStatus === '401' ? new Unauthorized(message) : new Forbidden(message);
}

/** [A] A dashboard the caller may not read is indistinguishable from one that does not exist: 404. */
function readableDashboard(ctx: Ctx): EcDashboard {
  const id = ctx.input.path.dashboardId as number;
  const dashboard = ctx.store.dashboards.get(id);
  if (!dashboard) ctx.request.explain.missed('dashboard', String(id));
  if (!dashboard || !explainRead(ctx.request.explain, ctx.store, dashboard, ctx.principal.user)) throw new NotFound(NOT_FOUND_TEXT);
  return dashboard;
}

function requireUsersView(ctx: Ctx): void {
  if (!explainHas(ctx.request.explain, ctx.store, ctx.principal.user, 'UsersAndUserGroups', 'View')) deny(ctx, 'You need the UsersAndUserGroups View permission for this request.');
}

const DASHBOARD_FILTER_FIELDS = { createdBy: 'integer', shared: 'boolean', visible: 'boolean' } as const;

const GetDashboardsV3: EcHandler = (ctx) => {
  const caller = ctx.principal.user;
  const { store } = ctx;
  const filter = ctx.input.query.filter as string | undefined;
  const conditions = filter ? parseFilter(filter, DASHBOARD_FILTER_FIELDS) : [];
  // The caller's readable ids come ascending from the index; only the page's dashboards are rendered.
  let ids = readableDashboardIds(store, caller);
  if (conditions.length > 0) {
    ids = ids.filter((id) => {
      const d = store.dashboards.get(id) as EcDashboard;
      return matchesFilter(conditions, (field) => (field === 'createdBy' ? d.createdBy : field === 'shared' ? isShared(d) : isVisibleTo(store, d, caller)));
    });
  }
  const page = paged(ids, ctx.input.query);
  return { ...page, body: (page.body as number[]).map((id) => dashboardView(store, store.dashboards.get(id) as EcDashboard, caller)) };
};

const CreateDashboardV3: EcHandler = (ctx) => {
  const body = ctx.input.body as { dashboardInfo: string; description?: string | null; type?: 'User' | 'Map'; public?: boolean };
  const caller = ctx.principal.user;
  if (body.public && !explainHas(ctx.request.explain, ctx.store, caller, 'PublicDashboardsOrMaps', 'Manage')) {
    deny(ctx, 'You need the PublicDashboardsOrMaps Manage permission to create a public dashboard.'); // [A]
  }
  const now = ctx.clock.now().toISOString();
  const dashboard: EcDashboard = {
    dashboardId: ctx.store.nextDashboardId++,
    dashboardInfo: body.dashboardInfo,
    description: body.description ?? null,
    type: body.type ?? 'User',
    createdBy: caller.userId,
    createdDate: now,
    modifiedDate: now,
    public: body.public === true,
    key: body.public ? ctx.random.uuid().replace(/-/g, '') : null,
    share: { sharedWithEveryone: false, userIds: [], groupIds: [] },
  };
  ctx.store.dashboards.set(dashboard.dashboardId, dashboard);
  dashboardChanged(ctx.store, dashboard);
  ctx.request.explain.changed('created', `dashboard ${dashboard.dashboardId}`, undefined, dashboard);
  return { status: 200, body: dashboardView(ctx.store, dashboard, caller) };
};

const GetDashboardV3: EcHandler = (ctx) => ({ status: 200, body: dashboardView(ctx.store, readableDashboard(ctx), ctx.principal.user) });

const GetDashboardShareV3: EcHandler = (ctx) => ({ status: 200, body: shareView(ctx.store, readableDashboard(ctx)) });

const EditDashboardShareV3: EcHandler = (ctx) => {
  const dashboard = readableDashboard(ctx);
  if (!explainEditShare(ctx.request.explain, ctx.store, dashboard, ctx.principal.user)) {
    deny(ctx, `You do not have permission to change the sharing of dashboard ${dashboard.dashboardId}.`); // [A] wording
  }
  const body = ctx.input.body as { sharedWithEveryone: boolean; sharedUserIds: number[]; sharedUserGroupIds: number[] };
  let userIds = sortedUnique(body.sharedUserIds);
  let groupIds = sortedUnique(body.sharedUserGroupIds);
  if (body.sharedWithEveryone && (userIds.length > 0 || groupIds.length > 0)) {
    if (ctx.settings.shareEveryoneLists === 'strict') {
      throw new BadRequest('The request is invalid. SharedUserIds and SharedUserGroupIds must be empty lists when SharedWithEveryone is true.'); // [A]
    }
    userIds = [];
    groupIds = [];
  }
  const unknownUsers = userIds.filter((id) => !ctx.store.users.has(id));
  const unknownGroups = groupIds.filter((id) => !ctx.store.groups.has(id));
  if (unknownUsers.length > 0 || unknownGroups.length > 0) {
    const parts = [
      unknownUsers.length ? `unknown user ids ${unknownUsers.join(', ')}` : '',
      unknownGroups.length ? `unknown user group ids ${unknownGroups.join(', ')}` : '',
    ].filter(Boolean);
    throw new BadRequest(`The request is invalid. The share refers to ${parts.join(' and ')}.`); // [A]
  }
  ctx.request.explain.changed('replaced', `sharing of dashboard ${dashboard.dashboardId}`, dashboard.share, { sharedWithEveryone: body.sharedWithEveryone, userIds, groupIds });
  dashboard.share = { sharedWithEveryone: body.sharedWithEveryone, userIds, groupIds };
  dashboardChanged(ctx.store, dashboard);
  dashboard.modifiedDate = ctx.clock.now().toISOString();
  return { status: 200, body: shareView(ctx.store, dashboard) };
};

const GetUsersV3: EcHandler = (ctx) => {
  requireUsersView(ctx);
  const users = [...ctx.store.users.values()].sort((a, b) => a.userId - b.userId).map((u) => userView(ctx.store, u));
  return paged(users, ctx.input.query);
};

const GetUserV3: EcHandler = (ctx) => {
  const userId = ctx.input.path.userId as number;
  if (userId !== ctx.principal.user.userId) requireUsersView(ctx);
  const user = ctx.store.users.get(userId);
  if (!user) ctx.request.explain.missed('user', String(userId));
  if (!user) throw new NotFound(NOT_FOUND_TEXT);
  return { status: 200, body: userView(ctx.store, user) };
};

const GetUserGroupsV3: EcHandler = (ctx) => {
  requireUsersView(ctx);
  const groups = [...ctx.store.groups.values()].sort((a, b) => a.userGroupId - b.userGroupId).map(groupView);
  return paged(groups, ctx.input.query);
};

function existingGroup(ctx: Ctx) {
  requireUsersView(ctx);
  const group = ctx.store.groups.get(ctx.input.path.userGroupId as number);
  if (!group) ctx.request.explain.missed('user group', String(ctx.input.path.userGroupId));
  if (!group) throw new NotFound(NOT_FOUND_TEXT);
  return group;
}

const GetUserGroupV3: EcHandler = (ctx) => ({ status: 200, body: groupView(existingGroup(ctx)) });

const GetUserGroupMembersV3: EcHandler = (ctx) => {
  const members = [...existingGroup(ctx).memberIds]
    .sort((a, b) => a - b)
    .map((id) => ctx.store.users.get(id))
    .filter((u) => u !== undefined)
    .map(userChild);
  return { status: 200, body: members };
};

export const energycapHandlers: Readonly<Record<string, EcHandler>> = {
  GetDashboardsV3,
  CreateDashboardV3,
  GetDashboardV3,
  GetDashboardShareV3,
  EditDashboardShareV3,
  GetUsersV3,
  GetUserV3,
  GetUserGroupsV3,
  GetUserGroupV3,
  GetUserGroupMembersV3,
};
