// Luzmo's configurable [A] switches, each settable by its environment variable (or the flag derived from it).
import type { SettingDescriptor } from '../../core/vendor';
import { parseBoolean } from '../../core/settings';

export interface LuzmoSettings {
  /**
   * Associating a locale needs the share's dashboard first. Off by default: Node SDK 2.1.1 sends a create's
   * association LINKs in parallel, so a locale may arrive before its dashboard.
   */
  localeRequiresDashboard: boolean;
}

export const luzmoSettingsDefaults: LuzmoSettings = { localeRequiresDashboard: false };

export const luzmoSettingDescriptors: readonly SettingDescriptor<LuzmoSettings>[] = [
  {
    key: 'localeRequiresDashboard',
    env: 'LUZMO_LOCALE_REQUIRES_DASHBOARD',
    description: 'true: a locale can only be associated once the share has a dashboard (default false)',
    parse: parseBoolean,
  },
];
