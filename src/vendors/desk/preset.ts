// Preset dashboards ([A] 15 in index.ts): a preset is shared with all users, and its share settings refuse
// an update that keeps it a preset (the Terraform provider treats the refusal's exact message as success).
import { BadRequest } from '../../core/errors';
import type { ShareSettingsRecord } from './state';

export const PRESET_SHARE_REFUSAL = "Sharing settings of a preset can't be updated. It's shared by default";

/**
 * Every new record as kept (share-records.ts shareRecord): frozen (its lists already are), and if a preset, shared with
 * all users: enabled, with an ALL permission (VIEW added when none).
 */
export function sharedIfPreset(share: ShareSettingsRecord): ShareSettingsRecord {
  if (!share.preset) return Object.freeze(share);
  const sharedWithAll = share.permissions.some((p) => p.type === 'ALL');
  if (share.enabled && sharedWithAll) return Object.freeze(share);
  const permissions = sharedWithAll ? share.permissions : Object.freeze([...share.permissions, Object.freeze({ permission: 'VIEW', type: 'ALL' } as const)]);
  return Object.freeze({ ...share, enabled: true, permissions });
}

/** A share PUT (or its validator) on a preset: refused unless it un-presets the dashboard (`preset` false or absent). */
export function checkPresetShareUpdate(current: ShareSettingsRecord, nextPreset: boolean | undefined): void {
  if (current.preset && nextPreset === true) throw new BadRequest(PRESET_SHARE_REFUSAL);
}
