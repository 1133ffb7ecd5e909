// Share settings: the rules a PUT (or its validator) must meet, applying a PUT with stable anonymous
// links per management zone, and the view GET returns.
import type { Random } from '../../core/random';
import type { Violation } from '../../core/validation/violation';
import { ruleViolation } from '../../core/validation/violation';
import type { DashboardRecord, DeskEnvironment, SharePermission, ShareSettingsRecord } from './state';
import { sharedIfPreset } from './preset';
import { frozenPermissions, newLinkToken, uniqueInOrder } from './state';

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
  body.permissions.forEach((p, i) => {
    if ((p.type === 'USER' || p.type === 'GROUP') && p.id === undefined) {
      violations.push(ruleViolation('body', ['permissions', i, 'id'], 'may not be null')); // [A]
    }
    if (p.type === 'ALL' && p.id !== undefined) {
      violations.push(ruleViolation('body', ['permissions', i, 'id'], 'must be null for permission type ALL')); // [A]
    }
  });
  return violations;
}

/** The settings that replace `record`; a zone keeps its link while it stays listed, a new or re-added zone gets a new one. */
export function appliedShareSettings(record: ShareSettingsRecord, body: ShareSettingsInput, random: Random): ShareSettingsRecord {
  const zones = uniqueInOrder(body.publicAccess.managementZoneIds);
  const linkTokens = new Map<string, string>();
  for (const zone of zones) linkTokens.set(zone, record.linkTokens.get(zone) ?? newLinkToken(random));
  const permissions = frozenPermissions(body.permissions);
  return sharedIfPreset({ enabled: body.enabled ?? false, preset: body.preset ?? false, permissions, managementZoneIds: Object.freeze(zones), linkTokens });
}

/**
 * The view GET returns, frozen and made once per settings record (records are replaced whole on change, and a
 * dashboard's environment and id never change): GETs of unchanged settings share one view, whose JSON text the
 * core then makes once (core settled-json.ts).
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
    const url = `${env.uiBaseUrl}/e/${env.id}/dashboards/${d.id}?auth=${d.share.linkTokens.get(zone) as string}`;
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
