// Share settings: the rules a PUT (or its validator) must meet, applying a PUT with stable anonymous
// links per management zone, and the view GET returns.
import type { Random } from '../../core/random';
import type { Violation } from '../../core/validation/violation';
import { ruleViolation } from '../../core/validation/violation';
import type { DashboardRecord, DeskEnvironment, SharePermission, ShareSettingsRecord } from './state';
import { newLinkToken, uniqueInOrder } from './state';
import { frozenPermissions, shareRecord } from './share-records';

export interface ShareSettingsInput {
  id: string;
  enabled?: boolean;
  preset?: boolean;
  permissions: SharePermission[];
  publicAccess: { managementZoneIds: string[]; urls?: unknown };
}

/** Every rule violation of a share body for the dashboard at `pathId` ([A] rules and wordings marked). */
export function shareRuleViolations(body: ShareSettingsInput, pathId: string, dashboard: DashboardRecord | undefined): Violation[] {
  const violations: Violation[] = [];
  if (!dashboard) violations.push(ruleViolation('body', [], 'Dashboard does not exist'));
  if (body.id !== pathId) violations.push(ruleViolation('body', ['id'], 'The ID in the request body must match the ID in the path')); // [A]
  for (let i = 0; i < body.permissions.length; i++) {
    const p = body.permissions[i] as SharePermission;
    if ((p.type === 'USER' || p.type === 'GROUP') && p.id === undefined) {
      violations.push(ruleViolation('body', ['permissions', i, 'id'], 'may not be null')); // [A]
    }
    if (p.type === 'ALL' && p.id !== undefined) {
      violations.push(ruleViolation('body', ['permissions', i, 'id'], 'must be null for permission type ALL')); // [A]
    }
  }
  return violations;
}

/**
 * Replaces the dashboard's settings with the body's; a zone keeps its link while it stays listed, a new or re-added
 * zone gets a new one. Lists equal to the record's are kept, and so is the record when nothing changes (a re-applied
 * plan sends the same settings again): its GET view stays made.
 */
export function applyShareSettings(d: DashboardRecord, body: ShareSettingsInput, random: Random): void {
  const record = d.share;
  const sent = body.publicAccess.managementZoneIds;
  // The record's zones are unique, so a list equal to them needs no de-duplicating.
  const sameZones = sameItems(sent, record.managementZoneIds);
  let zones = record.managementZoneIds;
  if (!sameZones) {
    const unique = uniqueInOrder(sent);
    const tokens = new Map<string, string>();
    for (const zone of unique) tokens.set(zone, d.linkTokens.get(zone) ?? newLinkToken(random));
    zones = Object.freeze(unique);
    d.linkTokens = tokens;
  }
  const permissions = samePermissions(body.permissions, record.permissions) ? record.permissions : frozenPermissions(body.permissions);
  const enabled = body.enabled ?? false;
  const preset = body.preset ?? false;
  if (enabled === record.enabled && preset === record.preset && permissions === record.permissions && zones === record.managementZoneIds) return;
  d.share = shareRecord(enabled, preset, permissions, zones);
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function samePermissions(a: readonly SharePermission[], b: readonly Readonly<SharePermission>[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SharePermission;
    const y = b[i] as SharePermission;
    if (x.id !== y.id || x.permission !== y.permission || x.type !== y.type) return false;
  }
  return true;
}

/**
 * The view GET returns, frozen and made once per settings record (records are replaced whole on change, the link
 * secrets only together with a record whose zones changed, and a dashboard's environment and id never change):
 * GETs of unchanged settings share one view, whose JSON text the core then makes once (core settled-json.ts).
 */
export function shareSettingsView(env: DeskEnvironment, d: DashboardRecord): Readonly<Record<string, unknown>> {
  const last = views.get(d);
  if (last !== undefined && last.share === d.share) return last.view;
  const view = makeView(env, d);
  views.set(d, { share: d.share, view });
  return view;
}

/** Keyed by dashboard, not record: one entry updated per change rather than one added. */
const views = new WeakMap<DashboardRecord, { share: ShareSettingsRecord; view: Readonly<Record<string, unknown>> }>();

function makeView(env: DeskEnvironment, d: DashboardRecord): Readonly<Record<string, unknown>> {
  const urls: Record<string, string> = {};
  for (const zone of d.share.managementZoneIds) {
    // defineProperty: a zone named `__proto__` is a key like any other, not the object's prototype.
    const url = `${env.uiBaseUrl}/e/${env.id}/dashboards/${d.id}?auth=${d.linkTokens.get(zone) as string}`;
    Object.defineProperty(urls, zone, { value: url, enumerable: true, writable: true, configurable: true });
  }
  // The permissions and zone lists are frozen and replaced on change, so the view holds them as they are.
  return Object.freeze({
    id: d.id,
    enabled: d.share.enabled,
    preset: d.share.preset,
    permissions: d.share.permissions,
    publicAccess: Object.freeze({ managementZoneIds: d.share.managementZoneIds, urls: Object.freeze(urls) }),
  });
}
