// Share settings: the rules a PUT (or its validator) must meet, applying a PUT with stable anonymous
// links per management zone, and the view GET returns.
import type { Random } from '../../core/random';
import type { Violation } from '../../core/validation/violation';
import { ruleViolation } from '../../core/validation/violation';
import type { DashboardRecord, DeskEnvironment, SharePermission, ShareSettingsRecord } from './state';
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

/** Replaces the settings; a zone keeps its link while it stays listed, a new or re-added zone gets a new one. */
export function applyShareSettings(record: ShareSettingsRecord, body: ShareSettingsInput, random: Random): void {
  const zones = uniqueInOrder(body.publicAccess.managementZoneIds);
  const linkTokens = new Map<string, string>();
  for (const zone of zones) linkTokens.set(zone, record.linkTokens.get(zone) ?? newLinkToken(random));
  record.enabled = body.enabled ?? false;
  record.preset = body.preset ?? false;
  record.permissions = frozenPermissions(body.permissions);
  record.managementZoneIds = Object.freeze(zones);
  record.linkTokens = linkTokens;
}

/**
 * The view GET returns, frozen and made again only when the settings or the environment's link base changed:
 * GETs of unchanged settings share one view, whose JSON text the core then makes once (core settled-json.ts).
 */
export function shareSettingsView(env: DeskEnvironment, d: DashboardRecord): Readonly<Record<string, unknown>> {
  const s = d.share;
  const last = views.get(d);
  if (
    last !== undefined &&
    last.enabled === s.enabled &&
    last.preset === s.preset &&
    last.permissions === s.permissions &&
    last.managementZoneIds === s.managementZoneIds &&
    last.linkTokens === s.linkTokens &&
    last.uiBaseUrl === env.uiBaseUrl &&
    last.environmentId === env.id
  ) {
    return last.view;
  }
  const view = makeView(env, d);
  views.set(d, { enabled: s.enabled, preset: s.preset, permissions: s.permissions, managementZoneIds: s.managementZoneIds, linkTokens: s.linkTokens, uiBaseUrl: env.uiBaseUrl, environmentId: env.id, view });
  return view;
}

/** A dashboard's last view and what it was made from: the settings' fields (lists and links replaced, never changed in place) and the link base. */
interface MadeView extends ShareSettingsRecord {
  uiBaseUrl: string;
  environmentId: string;
  view: Readonly<Record<string, unknown>>;
}

const views = new WeakMap<DashboardRecord, MadeView>();

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
