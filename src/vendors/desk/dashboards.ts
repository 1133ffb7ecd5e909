// Dashboards as DESK returns them, and the rules a dashboard body must meet beyond its schema.
import type { Violation } from '../../core/validation/violation';
import { ruleViolation } from '../../core/validation/violation';
import type { DashboardRecord, DeskEnvironment } from './state';

export interface DashboardInput {
  id?: string;
  dashboardMetadata: Record<string, unknown> & { name: string; owner: string; shared?: boolean; preset?: boolean };
  tiles: unknown[];
}

/** The GET /dashboards/{id} body: metadata, id, dashboardMetadata (shared/preset from the share settings), tiles. */
export function dashboardView(env: DeskEnvironment, d: DashboardRecord): Record<string, unknown> {
  const { name, owner, ...rest } = d.metadata;
  return {
    metadata: { configurationVersions: [d.version], clusterVersion: env.clusterVersion },
    id: d.id,
    dashboardMetadata: { name, shared: d.share.enabled, owner, ...rest, preset: d.share.preset },
    tiles: d.tiles,
  };
}

export function stubView(d: DashboardRecord): { id: string; name: string; owner: string } {
  return { id: d.id, name: d.metadata.name, owner: d.metadata.owner };
}

/** POST bodies must not carry an id ([A] wording); PUT/validator bodies must carry the path's id if any. */
export function dashboardRuleViolations(body: DashboardInput, pathId: string | undefined): Violation[] {
  if (pathId === undefined) return body.id === undefined ? [] : [ruleViolation('body', ['id'], 'must be null')];
  if (body.id !== undefined && body.id !== pathId) {
    return [ruleViolation('body', ['id'], 'The ID in the request body must match the ID in the path')];
  }
  return [];
}

export function matchesFilters(d: DashboardRecord, owner: string | undefined, tags: readonly string[]): boolean {
  if (owner !== undefined && d.metadata.owner !== owner) return false;
  if (tags.length === 0) return true;
  const own = Array.isArray(d.metadata.tags) ? (d.metadata.tags as string[]) : [];
  return tags.every((t) => own.includes(t));
}
