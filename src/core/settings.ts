// Parsing and merging of vendor settings (the [A] switches): defaults, then environment/flags, then options.
import type { AnyVendorModule } from './vendor';

export class SettingError extends Error {}

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new SettingError(`expected true or false, got "${raw}"`);
}

export function enumParser<T extends string>(...allowed: T[]): (raw: string) => T {
  return (raw) => {
    const value = raw.trim() as T;
    if (!allowed.includes(value)) throw new SettingError(`expected one of ${allowed.join(', ')}, got "${raw}"`);
    return value;
  };
}

/** The flag for a setting's environment variable: LUZMO_LOCALE_REQUIRES_DASHBOARD -> --luzmo-locale-requires-dashboard. */
export function flagOf(env: string): string {
  return `--${env.toLowerCase().replace(/_/g, '-')}`;
}

export type VendorSettingsOverrides = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export function settingsFor(module: AnyVendorModule, overrides: VendorSettingsOverrides | undefined): unknown {
  const given = overrides?.[module.name] ?? {};
  const known = new Set(module.settings.descriptors.map((d) => d.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) throw new SettingError(`${module.name} has no setting ${key}`);
  }
  return { ...module.settings.defaults, ...given };
}
