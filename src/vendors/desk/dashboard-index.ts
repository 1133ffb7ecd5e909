// Owner and tag lookups for GET /dashboards?owner=&tags=: the ids of each owner's and each tag's
// dashboards, and each dashboard's place in the environment's Map (the order the list answers in), so
// a filtered list reads the smallest matching set instead of every dashboard. Built on an environment's
// first filtered list; the handlers report every create, update and delete after that.
import type { DashboardMetadataRecord, DashboardRecord, DeskEnvironment } from './state';

function tagsOf(metadata: DashboardMetadataRecord): readonly unknown[] {
  return Array.isArray(metadata.tags) ? (metadata.tags as unknown[]) : [];
}

// Two Maps of plain values rather than one object per dashboard: at 100,000 dashboards every object
// is one more for each garbage collection to mark.
class DashboardIndex {
  /** Place in the dashboards Map's insertion order. */
  private readonly positions = new Map<string, number>();
  /** The metadata each dashboard is indexed under (a PUT replaces the record's metadata object, never edits it). */
  private readonly indexed = new Map<string, DashboardMetadataRecord>();
  private readonly byOwner = new Map<unknown, Set<string>>();
  private readonly byTag = new Map<unknown, Set<string>>();
  private next = 0;

  constructor(dashboards: Iterable<DashboardRecord>) {
    for (const d of dashboards) this.add(d);
  }

  /** A new id goes to the end of the Map's order; a known id keeps its place (as Map.set does). */
  add(d: DashboardRecord): void {
    const position = this.positions.get(d.id) ?? this.next++;
    this.remove(d.id);
    this.positions.set(d.id, position);
    this.indexed.set(d.id, d.metadata);
    link(this.byOwner, d.metadata.owner, d.id);
    for (const tag of tagsOf(d.metadata)) link(this.byTag, tag, d.id);
  }

  remove(id: string): void {
    const metadata = this.indexed.get(id);
    if (!metadata) return;
    this.positions.delete(id);
    this.indexed.delete(id);
    unlink(this.byOwner, metadata.owner, id);
    for (const tag of tagsOf(metadata)) unlink(this.byTag, tag, id);
  }

  /** Ids that may match (every match among them), smallest set first; undefined: no filter, all of them. */
  candidates(owner: string | undefined, tags: readonly string[]): ReadonlySet<string> | undefined {
    let best: ReadonlySet<string> | undefined;
    const consider = (set: ReadonlySet<string> | undefined): void => {
      const s = set ?? EMPTY;
      if (best === undefined || s.size < best.size) best = s;
    };
    if (owner !== undefined) consider(this.byOwner.get(owner));
    for (const tag of tags) consider(this.byTag.get(tag));
    return best;
  }

  position(id: string): number {
    return this.positions.get(id) as number;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const indexes = new WeakMap<Map<string, DashboardRecord>, DashboardIndex>();

function link(map: Map<unknown, Set<string>>, key: unknown, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function unlink(map: Map<unknown, Set<string>>, key: unknown, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

function indexOf(env: DeskEnvironment): DashboardIndex {
  let index = indexes.get(env.dashboards);
  if (!index) {
    index = new DashboardIndex(env.dashboards.values());
    indexes.set(env.dashboards, index);
  }
  return index;
}

/**
 * The dashboards that may pass the owner and tags filters, in the Map's order; the caller still applies
 * the filter. Without a filter, every dashboard (the list is then the whole environment anyway).
 */
export function filterCandidates(env: DeskEnvironment, owner: string | undefined, tags: readonly string[]): DashboardRecord[] {
  if (owner === undefined && tags.length === 0) return [...env.dashboards.values()];
  const index = indexOf(env);
  const ids = index.candidates(owner, tags) as ReadonlySet<string>;
  const out: DashboardRecord[] = [];
  for (const id of ids) out.push(env.dashboards.get(id) as DashboardRecord);
  return out.length < 2 ? out : out.sort((a, b) => index.position(a.id) - index.position(b.id));
}

/** Call after a dashboard is added to the Map or its metadata (owner, tags) is replaced. */
export function dashboardIndexed(env: DeskEnvironment, d: DashboardRecord): void {
  indexes.get(env.dashboards)?.add(d);
}

/** Call after a dashboard is deleted from the Map. */
export function dashboardUnindexed(env: DeskEnvironment, id: string): void {
  indexes.get(env.dashboards)?.remove(id);
}
