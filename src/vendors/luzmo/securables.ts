// The `securable` resource, dashboards only: create (the caller owns it), get (what the caller owns or may
// read), update (the owner's name and description), delete (the owner; the dashboard's shares go with it [A]).
import { Forbidden, NotFound } from '../../core/errors';
import type { Handler, HandlerContext } from '../../core/vendor';
import type { LuzmoPrincipal } from './auth';
import type { EntityFields, FindBase } from './find';
import { pickAttributes, search } from './find';
import { pickIncluded, shareRow } from './query';
import type { LuzmoSettings } from './settings';
import { shareRemoved } from './share-index';
import type { LuzmoDashboard, LuzmoState, SecurableField } from './state';
import { SECURABLE_FIELDS, canRead, securableView } from './state';

type Ctx = HandlerContext<LuzmoState, LuzmoPrincipal, LuzmoSettings>;
type LuzmoHandler = Handler<LuzmoState, LuzmoPrincipal, LuzmoSettings>;

interface SecurableFind extends FindBase {
  include?: { model: 'Share'; attributes?: string[] }[];
}

/** The writable properties; anything else in `properties` is ignored [A]. */
interface SecurableProperties {
  type?: 'dashboard';
  name?: Record<string, string>;
  description?: Record<string, string>;
}

const SECURABLE_ENTITY: EntityFields<SecurableField> = { entity: 'securable', fields: SECURABLE_FIELDS };

/** Entity Owner: the owner of the dashboard (readers may only view it). */
function ownedDashboard(ctx: Ctx, verb: string): LuzmoDashboard {
  const id = (ctx.input.body as { id: string }).id;
  const dashboard = ctx.store.dashboards.get(id);
  // [A] A dashboard the caller may not even read is "not found", as a get would not list it.
  const caller = ctx.principal.user.id;
  const notFound = new NotFound(`Securable ${id} not found.`);
  if (!dashboard) {
    ctx.request.explain.missed('securable', id);
    throw notFound;
  }
  if (!ctx.request.explain.rule('[A] the caller may read the dashboard (owner or reader)', canRead(dashboard, caller), { dashboard: id, owner: dashboard.ownerId, caller }, () => `the caller ${caller} may not read dashboard ${id}, so it reads as not found`)) throw notFound;
  if (!ctx.request.explain.rule('Entity Owner: the caller owns the dashboard', dashboard.ownerId === caller, { dashboard: id, owner: dashboard.ownerId, caller }, () => `the caller ${caller} may read dashboard ${id} but only its owner ${dashboard.ownerId} may ${verb} it`)) {
    throw new Forbidden(`You must own dashboard ${id} to ${verb} it.`);
  }
  return dashboard;
}

const createSecurable: LuzmoHandler = (ctx) => {
  const { properties } = ctx.input.body as { properties: SecurableProperties };
  const now = ctx.clock.now().toISOString();
  let id: string;
  do id = ctx.random.uuid();
  while (ctx.store.dashboards.has(id));
  const dashboard: LuzmoDashboard = {
    id,
    name: { ...properties.name },
    description: { ...properties.description },
    created_at: now,
    updated_at: now,
    ownerId: ctx.principal.user.id,
    readerIds: new Set(),
  };
  ctx.store.dashboards.set(id, dashboard);
  ctx.request.explain.changed('created', `dashboard ${id}`, undefined, securableView(dashboard));
  return { status: 200, body: securableView(dashboard) };
};

const searchSecurable: LuzmoHandler = (ctx) => {
  const find: SecurableFind = (ctx.input.body as { find?: SecurableFind }).find ?? {};
  const caller = ctx.principal.user.id;
  const visible = [...ctx.store.dashboards.values()].filter((d) => canRead(d, caller)).map(securableView);
  const body = search(SECURABLE_ENTITY, visible, find, (view) => {
    const row = pickAttributes(SECURABLE_ENTITY, view, find.attributes);
    // [A] Plural key for the has-many include, as Luzmo's docs show for other resources (`columns`, `users`).
    for (const include of find.include ?? []) row.shares = sharesOf(ctx.store, view.id as string, include.attributes);
    return row;
  });
  return { status: 200, body };
};

/** Every share of a dashboard the caller may read is visible to it (the share `get` rule). */
function sharesOf(state: LuzmoState, dashboardId: string, attributes: string[] | undefined): Record<string, unknown>[] {
  const shares = [...state.shares.values()].filter((s) => s.securable_id === dashboardId);
  return shares.map((s) => {
    const row = shareRow(s, state, {});
    return attributes ? pickIncluded('Share', row, attributes) : row;
  });
}

const updateSecurable: LuzmoHandler = (ctx) => {
  const dashboard = ownedDashboard(ctx, 'update');
  const { properties } = ctx.input.body as { properties: SecurableProperties };
  const before = securableView(dashboard);
  if (properties.name !== undefined) dashboard.name = { ...properties.name };
  if (properties.description !== undefined) dashboard.description = { ...properties.description };
  dashboard.updated_at = ctx.clock.now().toISOString();
  ctx.request.explain.changed('replaced', `dashboard ${dashboard.id}`, before, securableView(dashboard));
  return { status: 200, body: securableView(dashboard) };
};

const deleteSecurable: LuzmoHandler = (ctx) => {
  const dashboard = ownedDashboard(ctx, 'delete');
  ctx.store.dashboards.delete(dashboard.id);
  ctx.request.explain.changed('deleted', `dashboard ${dashboard.id}`, securableView(dashboard));
  // [A] A share is a private link to one dashboard: without the dashboard the link is gone too.
  for (const share of [...ctx.store.shares.values()]) {
    if (share.securable_id !== dashboard.id) continue;
    ctx.store.shares.delete(share.id);
    shareRemoved(ctx.store.shares, share.id);
    ctx.request.explain.changed('deleted', `share ${share.id} (of the deleted dashboard)`, share);
  }
  return { status: 200, body: { code: 200 } };
};

export const securableHandlers: Readonly<Record<string, LuzmoHandler>> = { createSecurable, searchSecurable, updateSecurable, deleteSecurable };
