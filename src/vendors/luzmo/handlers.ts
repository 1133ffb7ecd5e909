// Luzmo share handlers, keyed by the operationIds that `action` selects (see x-emulator-dispatch).
import { Forbidden, NotFound } from '../../core/errors';
import type { Handler, HandlerContext } from '../../core/vendor';
import { ALPHANUMERIC_LOWER } from '../../core/random';
import type { Association } from './associations';
import { associate, dissociate, inCreateOrder } from './associations';
import type { LuzmoPrincipal } from './auth';
import { meetsWhere, page, planWhere, sortRecords } from './find';
import type { Find } from './query';
import { SHARE_ENTITY, namedShareIds, shareRow } from './query';
import { inMapOrder, shareAdded, shareRemoved } from './share-index';
import type { LuzmoSettings } from './settings';
import type { LuzmoState, ShareRecord } from './state';
import { SHARE_FIELDS, canRead } from './state';

type Ctx = HandlerContext<LuzmoState, LuzmoPrincipal, LuzmoSettings>;
type LuzmoHandler = Handler<LuzmoState, LuzmoPrincipal, LuzmoSettings>;

const OK_CODE = { status: 200, body: { code: 200 } };

function shareView(share: ShareRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of SHARE_FIELDS) out[field] = share[field];
  return out;
}

/** What associate and dissociate change, as the explanation shows it before and after. */
function linksOf(share: ShareRecord): { securable_id: string | null; locale_id: string | null } {
  return { securable_id: share.securable_id, locale_id: share.locale_id };
}

function existingShare(ctx: Ctx): ShareRecord {
  const id = (ctx.input.body as { id: string }).id;
  const share = ctx.store.shares.get(id);
  if (!share) ctx.request.explain.missed('share', id);
  if (!share) throw new NotFound(`Share ${id} not found.`);
  return share;
}

function newShareId(ctx: Ctx): string {
  let id: string;
  do id = ctx.random.string(16, ALPHANUMERIC_LOWER);
  while (ctx.store.shares.has(id));
  return id;
}

const createShare: LuzmoHandler = (ctx) => {
  const body = ctx.input.body as { properties: { date?: string }; associations?: Association[] | Record<string, never> };
  const now = ctx.clock.now().toISOString();
  const share: ShareRecord = {
    id: newShareId(ctx),
    date: body.properties.date ? new Date(body.properties.date).toISOString() : now,
    created_at: now,
    updated_at: now,
    locale_id: null,
    securable_id: null,
    user_id: ctx.principal.user.id,
  };
  // [A] All inline associations must succeed, or nothing is created.
  const associations = Array.isArray(body.associations) ? body.associations : [];
  for (const association of inCreateOrder(associations)) associate(ctx.store, share, association, ctx.principal.user.id, ctx.settings, ctx.request.explain);
  ctx.store.shares.set(share.id, share);
  shareAdded(ctx.store.shares, share.id);
  ctx.request.explain.changed('created', `share ${share.id}`, undefined, share);
  return { status: 200, body: shareView(share) };
};

const searchShare: LuzmoHandler = (ctx) => {
  const find: Find = (ctx.input.body as { find?: Find }).find ?? {};
  const caller = ctx.principal.user.id;
  const { shares, dashboards } = ctx.store;
  const plan = planWhere(SHARE_ENTITY, find.where);
  const selected = (s: ShareRecord): boolean =>
    (s.user_id === caller || (s.securable_id !== null && canRead(dashboards.get(s.securable_id), caller))) && meetsWhere(s, plan);
  // A where on id looks its shares up (in the Map's order, as a scan would list them); anything else scans.
  const ids = namedShareIds(plan);
  let found: ShareRecord[];
  if (ids === undefined) {
    found = [...shares.values()].filter(selected);
  } else {
    found = [];
    for (const id of ids) {
      const share = shares.get(id as string);
      if (share !== undefined && selected(share)) found.push(share);
    }
    found = inMapOrder(shares, found);
  }
  if (plan.error && found.length > 0) throw plan.error;
  return { status: 200, body: page(sortRecords(SHARE_ENTITY, found, find.order), find, (s) => shareRow(s, ctx.store, find)) };
};

/** Securable Owner: the caller must own the linked dashboard ([A] or the share, when it has none). */
const deleteShare: LuzmoHandler = (ctx) => {
  const share = existingShare(ctx);
  const caller = ctx.principal.user.id;
  const dashboard = share.securable_id === null ? undefined : ctx.store.dashboards.get(share.securable_id);
  const owner = dashboard ? dashboard.ownerId : share.user_id;
  const rule = dashboard ? 'Securable Owner: the caller owns the shared dashboard' : '[A] the caller created the share (it shares no dashboard)';
  if (!ctx.request.explain.rule(rule, owner === caller, { share: share.id, owner, caller }, () => `the caller ${caller} may not delete share ${share.id}: ${dashboard ? `dashboard ${dashboard.id} is owned by ${owner}` : `it was created by ${owner}`}`)) {
    throw new Forbidden(`You are not allowed to delete share ${share.id}.`);
  }
  ctx.request.explain.changed('deleted', `share ${share.id}`, share);
  ctx.store.shares.delete(share.id);
  shareRemoved(ctx.store.shares, share.id);
  return OK_CODE;
};

const associateShare: LuzmoHandler = (ctx) => {
  const share = existingShare(ctx);
  const { resource } = ctx.input.body as { resource: Association };
  const before = linksOf(share);
  associate(ctx.store, share, resource, ctx.principal.user.id, ctx.settings, ctx.request.explain);
  ctx.request.explain.changed('replaced', `associations of share ${share.id}`, before, linksOf(share));
  share.updated_at = ctx.clock.now().toISOString();
  return OK_CODE;
};

const dissociateShare: LuzmoHandler = (ctx) => {
  const share = existingShare(ctx);
  const { resource } = ctx.input.body as { resource: Association };
  const before = linksOf(share);
  dissociate(ctx.store, share, resource, ctx.principal.user.id, ctx.request.explain);
  ctx.request.explain.changed('replaced', `associations of share ${share.id}`, before, linksOf(share));
  share.updated_at = ctx.clock.now().toISOString();
  return OK_CODE;
};

export const luzmoHandlers: Readonly<Record<string, LuzmoHandler>> = {
  createShare,
  searchShare,
  deleteShare,
  associateShare,
  dissociateShare,
};
