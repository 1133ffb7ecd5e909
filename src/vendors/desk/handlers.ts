// DESK handlers, keyed by the spec's operationIds. Each reads validated input and the environment's
// store and returns the documented status and body; rule failures are thrown as typed errors.
import { NotFound, ValidationFailed } from '../../core/errors';
import type { Handler, HandlerContext, VendorResponse } from '../../core/vendor';
import type { DeskPrincipal } from './auth';
import { dashboardIndexed, dashboardUnindexed, filterCandidates } from './dashboard-index';
import type { DashboardInput } from './dashboards';
import { dashboardRuleViolations, dashboardView, matchesFilters, stubView } from './dashboards';
import type { DeskSettings } from './settings';
import type { ShareSettingsInput } from './share-settings';
import { applyShareSettings, shareRuleViolations, shareSettingsView } from './share-settings';
import type { DashboardRecord, DeskEnvironment, ShareSettingsRecord } from './state';
import { shareRecord } from './share-records';
import { pickMetadata } from './state';
import { checkPresetShareUpdate } from './preset';

type Ctx = HandlerContext<DeskEnvironment, DeskPrincipal, DeskSettings>;
type DeskHandler = Handler<DeskEnvironment, DeskPrincipal, DeskSettings>;

const NO_CONTENT: VendorResponse = { status: 204 };
/** A new dashboard shares with no one and lists no zone, so it has no links (read-only: a change sets new ones). */
const NO_PERMISSIONS: ShareSettingsRecord['permissions'] = Object.freeze([]);
const NO_ZONES: readonly string[] = Object.freeze([]);
const NO_LINKS: ReadonlyMap<string, string> = new Map();

function pathId(ctx: Ctx): string {
  return ctx.input.path.id as string;
}

function existing(ctx: Ctx): DashboardRecord {
  const id = pathId(ctx);
  const dashboard = ctx.store.dashboards.get(id);
  if (!dashboard) ctx.request.explain.missed('dashboard', id, `environment ${ctx.store.id}`);
  if (!dashboard) throw new NotFound(`Dashboard ${id} not found`);
  return dashboard;
}

function checkDashboard(body: DashboardInput, id: string | undefined): void {
  const violations = dashboardRuleViolations(body, id);
  if (violations.length > 0) throw new ValidationFailed(violations);
}

function checkShare(ctx: Ctx): { body: ShareSettingsInput; dashboard: DashboardRecord } {
  const body = ctx.input.body as ShareSettingsInput;
  const dashboard = ctx.store.dashboards.get(pathId(ctx));
  const violations = shareRuleViolations(body, pathId(ctx), dashboard);
  if (!dashboard) ctx.request.explain.missed('dashboard', pathId(ctx), `environment ${ctx.store.id}`);
  if (violations.length > 0 || !dashboard) throw new ValidationFailed(violations);
  checkPresetShareUpdate(dashboard.share, body.preset);
  return { body, dashboard };
}

function newDashboard(id: string, body: DashboardInput): DashboardRecord {
  return {
    id,
    metadata: pickMetadata(body.dashboardMetadata),
    tiles: body.tiles,
    version: 1,
    share: shareRecord(body.dashboardMetadata.shared ?? false, body.dashboardMetadata.preset ?? false, NO_PERMISSIONS, NO_ZONES),
    linkTokens: NO_LINKS,
  };
}

const getDashboards: DeskHandler = ({ store, input }) => {
  const owner = input.query.owner as string | undefined;
  const tags = (input.query.tags as string[] | undefined) ?? [];
  // The owner and tag indexes narrow the candidates; the filter itself still decides.
  const dashboards = filterCandidates(store, owner, tags)
    .filter((d) => matchesFilters(d, owner, tags))
    .map(stubView);
  return { status: 200, body: { dashboards } };
};

const createDashboard: DeskHandler = ({ store, input, random, request }) => {
  const body = input.body as DashboardInput;
  checkDashboard(body, undefined);
  const dashboard = newDashboard(random.uuid(), body);
  store.dashboards.set(dashboard.id, dashboard);
  dashboardIndexed(store, dashboard);
  request.explain.changed('created', `dashboard ${dashboard.id}`, undefined, { metadata: dashboard.metadata, tiles: dashboard.tiles.length });
  return { status: 201, body: { id: dashboard.id, name: dashboard.metadata.name } };
};

const validateCreateDashboard: DeskHandler = ({ input }) => {
  checkDashboard(input.body as DashboardInput, undefined);
  return NO_CONTENT;
};

const getDashboard: DeskHandler = (ctx) => ({ status: 200, body: dashboardView(ctx.store, existing(ctx)) });

const createOrUpdateDashboard: DeskHandler = (ctx) => {
  const id = pathId(ctx);
  const body = ctx.input.body as DashboardInput;
  checkDashboard(body, id);
  const current = ctx.store.dashboards.get(id);
  if (!current) {
    const created = newDashboard(id, body);
    ctx.store.dashboards.set(id, created);
    dashboardIndexed(ctx.store, created);
    ctx.request.explain.changed('created', `dashboard ${id}`, undefined, { metadata: created.metadata, tiles: created.tiles.length });
    return { status: 201, body: { id, name: body.dashboardMetadata.name } };
  }
  const before = { metadata: current.metadata, tiles: current.tiles.length, ...current.share };
  current.metadata = pickMetadata(body.dashboardMetadata);
  current.tiles = body.tiles;
  current.version += 1;
  dashboardIndexed(ctx.store, current);
  // [A] shared/preset absent from a PUT keep their current values.
  const enabled = body.dashboardMetadata.shared ?? current.share.enabled;
  const preset = body.dashboardMetadata.preset ?? current.share.preset;
  // A record is kept when nothing changes (Terraform sends both flags on every PUT), and its views with it.
  if (enabled !== current.share.enabled || preset !== current.share.preset) current.share = shareRecord(enabled, preset, current.share.permissions, current.share.managementZoneIds);
  ctx.request.explain.changed('replaced', `dashboard ${id}`, before, { metadata: current.metadata, tiles: current.tiles.length, ...current.share });
  return NO_CONTENT;
};

const deleteDashboard: DeskHandler = (ctx) => {
  const dashboard = existing(ctx);
  const { id } = dashboard;
  ctx.request.explain.changed('deleted', `dashboard ${id}`, { metadata: dashboard.metadata, tiles: dashboard.tiles.length });
  ctx.store.dashboards.delete(id);
  dashboardUnindexed(ctx.store, id);
  return NO_CONTENT;
};

const validateCreateOrUpdateDashboard: DeskHandler = (ctx) => {
  checkDashboard(ctx.input.body as DashboardInput, pathId(ctx));
  return NO_CONTENT;
};

const getDashboardShareSettings: DeskHandler = (ctx) => ({ status: 200, body: shareSettingsView(ctx.store, existing(ctx)) });

const updateDashboardShareSettings: DeskHandler = (ctx) => {
  const { body, dashboard } = checkShare(ctx);
  // The records are frozen and hold no link secret: the explanation keeps them as its before and after.
  const before = dashboard.share;
  applyShareSettings(dashboard, body, ctx.random);
  ctx.request.explain.changed('replaced', `share settings of dashboard ${dashboard.id}`, before, dashboard.share);
  dashboard.version += 1;
  return NO_CONTENT;
};

const validateDashboardShareSettings: DeskHandler = (ctx) => {
  checkShare(ctx);
  return NO_CONTENT;
};

export const deskHandlers: Readonly<Record<string, DeskHandler>> = {
  getDashboards,
  createDashboard,
  validateCreateDashboard,
  getDashboard,
  createOrUpdateDashboard,
  deleteDashboard,
  validateCreateOrUpdateDashboard,
  getDashboardShareSettings,
  updateDashboardShareSettings,
  validateDashboardShareSettings,
};
