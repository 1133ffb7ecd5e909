// DESK share records and their permission lists, made as plain frozen objects without an object literal's
// allocation site: the dashboard and the journal's explanations keep them, and V8 deoptimizes the code around a
// literal once it finds the literal's objects long-lived (see core/journal.ts JournalEntry).
import { sharedIfPreset } from './preset';
import type { SharePermission, ShareSettingsRecord } from './state';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `new` of a function whose prototype is Object.prototype makes a plain object (what an explanation keeps by
 * reference must be: core/settled.ts), with no allocation site; the fields are set in the record's own order (a
 * field added to the record must be added here: the explanation tests read every field of a change).
 */
function ShareRecordFields(this: Mutable<ShareSettingsRecord>, enabled: boolean, preset: boolean, permissions: ShareSettingsRecord['permissions'], managementZoneIds: readonly string[]): void {
  this.enabled = enabled;
  this.preset = preset;
  this.permissions = permissions;
  this.managementZoneIds = managementZoneIds;
}
ShareRecordFields.prototype = Object.prototype;
const ShareRecord = ShareRecordFields as unknown as new (...fields: Parameters<typeof ShareRecordFields>) => ShareSettingsRecord;

function PermissionWithIdFields(this: SharePermission, id: string, permission: SharePermission['permission'], type: SharePermission['type']): void {
  this.id = id;
  this.permission = permission;
  this.type = type;
}
PermissionWithIdFields.prototype = Object.prototype;
const PermissionWithId = PermissionWithIdFields as unknown as new (...fields: Parameters<typeof PermissionWithIdFields>) => SharePermission;

function PermissionWithoutIdFields(this: SharePermission, permission: SharePermission['permission'], type: SharePermission['type']): void {
  this.permission = permission;
  this.type = type;
}
PermissionWithoutIdFields.prototype = Object.prototype;
const PermissionWithoutId = PermissionWithoutIdFields as unknown as new (...fields: Parameters<typeof PermissionWithoutIdFields>) => SharePermission;

/** A new share record as kept: frozen, and shared with all users if a preset (preset.ts). */
export function shareRecord(enabled: boolean, preset: boolean, permissions: ShareSettingsRecord['permissions'], managementZoneIds: readonly string[]): ShareSettingsRecord {
  return sharedIfPreset(new ShareRecord(enabled, preset, permissions, managementZoneIds));
}

/** A permission's own copy, with just its three fields (no `id` when it has none). */
export function copyPermission(p: SharePermission): SharePermission {
  return p.id === undefined ? new PermissionWithoutId(p.permission, p.type) : new PermissionWithId(p.id, p.permission, p.type);
}

/** Frozen copies of the permissions, in a frozen list (made by map: a builtin's array has no allocation site either). */
export function frozenPermissions(list: readonly SharePermission[]): readonly Readonly<SharePermission>[] {
  return Object.freeze(list.map(frozenCopy));
}

function frozenCopy(p: SharePermission): Readonly<SharePermission> {
  return Object.freeze(copyPermission(p));
}
