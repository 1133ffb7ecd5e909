// DESK state: environments (tenants), each with its API tokens and dashboards; a dashboard carries its
// share settings, whose enabled/preset flags are also the dashboard's dashboardMetadata.shared/preset.
import { StateDocumentError } from '../../core/state-document';
import type { Random } from '../../core/random';
import { URL_SAFE } from '../../core/random';
import { copyPermission, frozenPermissions, shareRecord } from './share-records';

export type Scope = string;
export type PermissionType = 'ALL' | 'GROUP' | 'USER';
export type PermissionLevel = 'EDIT' | 'VIEW';

export interface DeskToken {
  token: string;
  name: string;
  scopes: ReadonlySet<Scope>;
}

export interface SharePermission {
  id?: string;
  permission: PermissionLevel;
  type: PermissionType;
}

/**
 * Frozen all the way down and replaced whole on every change (the dashboard's `share` is set to a new record), so
 * what is made from a record (the GET view) stays right while the record is current, and an explanation holds
 * records as they were (they are its before and after). The link secrets live beside it, on the dashboard.
 */
export interface ShareSettingsRecord {
  readonly enabled: boolean;
  readonly preset: boolean;
  readonly permissions: readonly Readonly<SharePermission>[];
  readonly managementZoneIds: readonly string[];
}

/** dashboardMetadata without shared/preset, which live in the share settings. */
export type DashboardMetadataRecord = Record<string, unknown> & { name: string; owner: string };

export interface DashboardRecord {
  id: string;
  metadata: DashboardMetadataRecord;
  tiles: unknown[];
  /** Increments on every change; reported as metadata.configurationVersions. */
  version: number;
  share: ShareSettingsRecord;
  /** Zone id -> the secret of its anonymous link, for the zones `share` lists; stable while a zone stays listed,
   * and replaced only with a `share` whose zones changed (so a view made from `share` stays right). */
  linkTokens: ReadonlyMap<string, string>;
}

export interface DeskEnvironment {
  readonly id: string;
  /** Fixed when the state is built (an import builds new records), so a view made once stays right. */
  readonly uiBaseUrl: string;
  clusterVersion: string;
  tokens: Map<string, DeskToken>;
  dashboards: Map<string, DashboardRecord>;
}

export interface DeskState {
  defaultEnvironmentId: string;
  environments: Map<string, DeskEnvironment>;
}

export const LINK_TOKEN_LENGTH = 21;
const DEFAULT_CLUSTER_VERSION = '1.254.47.20221102-154432';

/** The document shape (specs/emulator.openapi.yaml#/components/schemas/DeskState), already schema-checked. */
interface DeskStateDocument {
  defaultEnvironment?: string;
  environments: {
    id: string;
    uiBaseUrl?: string;
    clusterVersion?: string;
    tokens?: { token: string; name?: string; scopes: string[] }[];
    dashboards?: {
      id: string;
      dashboardMetadata: Record<string, unknown> & { name: string; owner: string; shared?: boolean; preset?: boolean };
      tiles?: unknown[];
      configurationVersion?: number;
      shareSettings?: {
        enabled?: boolean;
        preset?: boolean;
        permissions?: SharePermission[];
        managementZoneIds?: string[];
        linkTokens?: Record<string, string>;
      };
    }[];
  }[];
}

/** Keys of dashboardMetadata the server models (others are dropped, as its JSON mapper does). */
export const METADATA_KEYS = ['name', 'owner', 'dashboardFilter', 'tags', 'dynamicFilters', 'tilesNameSize', 'hasConsistentColors'] as const;

export function createDeskState(raw: unknown, random: Random): DeskState {
  const doc = raw as DeskStateDocument;
  const problems: string[] = [];
  const environments = new Map<string, DeskEnvironment>();
  for (const env of doc.environments) {
    if (environments.has(env.id)) problems.push(`environment ${env.id} is listed twice`);
    const tokens = new Map<string, DeskToken>();
    for (const t of env.tokens ?? []) {
      if (tokens.has(t.token)) problems.push(`environment ${env.id}: token ${t.token.slice(0, 12)}… is listed twice`);
      tokens.set(t.token, { token: t.token, name: t.name ?? t.token.slice(0, 12), scopes: new Set(t.scopes) });
    }
    const dashboards = new Map<string, DashboardRecord>();
    for (const d of env.dashboards ?? []) {
      if (dashboards.has(d.id)) problems.push(`environment ${env.id}: dashboard ${d.id} is listed twice`);
      const s = d.shareSettings ?? {};
      const zones = uniqueInOrder(s.managementZoneIds ?? []);
      const linkTokens = new Map<string, string>();
      for (const zone of zones) linkTokens.set(zone, s.linkTokens?.[zone] ?? newLinkToken(random));
      dashboards.set(d.id, {
        id: d.id,
        metadata: pickMetadata(d.dashboardMetadata),
        tiles: d.tiles ?? [],
        version: d.configurationVersion ?? 1,
        share: shareRecord(s.enabled ?? d.dashboardMetadata.shared ?? false, s.preset ?? d.dashboardMetadata.preset ?? false, frozenPermissions(s.permissions ?? []), Object.freeze(zones)),
        linkTokens,
      });
    }
    environments.set(env.id, {
      id: env.id,
      uiBaseUrl: (env.uiBaseUrl ?? `https://${env.id}.live.desk.example`).replace(/\/+$/, ''),
      clusterVersion: env.clusterVersion ?? DEFAULT_CLUSTER_VERSION,
      tokens,
      dashboards,
    });
  }
  const defaultEnvironmentId = doc.defaultEnvironment ?? doc.environments[0]?.id;
  if (defaultEnvironmentId === undefined) problems.push('at least one environment is needed');
  else if (!environments.has(defaultEnvironmentId)) problems.push(`defaultEnvironment ${defaultEnvironmentId} is not one of the environments`);
  if (problems.length > 0) throw new StateDocumentError('desk', problems);
  return { defaultEnvironmentId: defaultEnvironmentId as string, environments };
}

export function exportDeskState(state: DeskState): DeskStateDocument {
  return {
    defaultEnvironment: state.defaultEnvironmentId,
    environments: [...state.environments.values()].map((env) => ({
      id: env.id,
      uiBaseUrl: env.uiBaseUrl,
      clusterVersion: env.clusterVersion,
      tokens: [...env.tokens.values()].map((t) => ({ token: t.token, name: t.name, scopes: [...t.scopes] })),
      dashboards: [...env.dashboards.values()].map((d) => ({
        id: d.id,
        dashboardMetadata: { ...d.metadata },
        tiles: d.tiles,
        configurationVersion: d.version,
        shareSettings: {
          enabled: d.share.enabled,
          preset: d.share.preset,
          permissions: d.share.permissions.map(copyPermission),
          managementZoneIds: [...d.share.managementZoneIds],
          linkTokens: Object.fromEntries(d.linkTokens),
        },
      })),
    })),
  };
}

export function pickMetadata(input: Record<string, unknown>): DashboardMetadataRecord {
  const out: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    out[key] = key === 'tags' && Array.isArray(value) ? uniqueInOrder(value as string[]) : value;
  }
  return out as DashboardMetadataRecord;
}

export function newLinkToken(random: Random): string {
  return random.string(LINK_TOKEN_LENGTH, URL_SAFE);
}

export function uniqueInOrder<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

