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

export function shareSettingsView(env: DeskEnvironment, d: DashboardRecord): Record<string, unknown> {
  const urls: Record<string, string> = {};
  for (const zone of d.share.managementZoneIds) {
    // defineProperty: a zone named `__proto__` is a key like any other, not the object's prototype.
    const url = `${env.uiBaseUrl}/e/${env.id}/dashboards/${d.id}?auth=${d.share.linkTokens.get(zone) as string}`;
    Object.defineProperty(urls, zone, { value: url, enumerable: true, writable: true, configurable: true });
  }
  return {
    id: d.id,
    enabled: d.share.enabled,
    preset: d.share.preset,
    permissions: d.share.permissions.map((p) => ({ ...p })),
    publicAccess: { managementZoneIds: [...d.share.managementZoneIds], urls },
  };
}
