// EnergyCAP's configurable [A] switches, each settable by its environment variable (or the derived flag).
import type { SettingDescriptor } from '../../core/vendor';
import { enumParser } from '../../core/settings';

export interface EnergycapSettings {
  /** Status for a dashboard the caller may read but not share: 403, or 401 as the vendor's docs describe. */
  denyStatus: '403' | '401';
  /** sharedWithEveryone:true with non-empty lists: 'strict' rejects (400), 'lenient' ignores the lists. */
  shareEveryoneLists: 'strict' | 'lenient';
}

export const energycapSettingsDefaults: EnergycapSettings = { denyStatus: '403', shareEveryoneLists: 'strict' };

export const energycapSettingDescriptors: readonly SettingDescriptor<EnergycapSettings>[] = [
  {
    key: 'denyStatus',
    env: 'ENERGYCAP_DENY_STATUS',
    description: '403 | 401: status when the caller may read a dashboard but not change its sharing (default 403)',
    parse: enumParser('403', '401'),
  },
  {
    key: 'shareEveryoneLists',
    env: 'ENERGYCAP_SHARE_EVERYONE_LISTS',
    description: 'strict | lenient: sharedWithEveryone:true with non-empty lists is a 400, or the lists are ignored (default strict)',
    parse: enumParser('strict', 'lenient'),
  },
];
