// DESK's configurable [A] switches: none yet, every DESK assumption is fixed behaviour listed in index.ts.

export type DeskSettings = Record<string, never>;

export const deskSettingsDefaults: DeskSettings = {};
