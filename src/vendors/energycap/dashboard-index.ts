// Which dashboards each caller may read, as an ascending array of ids per caller, so that a page of
// GET /dashboard is a slice (and its TotalNumberOfRecords a length) instead of a check, sort and render of
// every dashboard per request. canRead depends on the dashboard, the caller's role and group memberships;
// roles, users and groups never change within a state, so only a created dashboard or a changed share can
// move a dashboard in or out of a caller's list: the handlers report both. A caller's list is built on
// its first list request (one pass over the dashboards) and kept up to date after that.
import { canRead } from './permissions';
import type { EcDashboard, EcUser, EnergycapState } from './state';

type Readable = Map<number, number[]>;

const indexes = new WeakMap<EnergycapState, Readable>();

/** Index of the first element >= id in an ascending array. */
function lowerBound(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ids of the dashboards the caller may read, ascending. Do not modify the array. */
export function readableDashboardIds(state: EnergycapState, caller: EcUser): readonly number[] {
  let readable = indexes.get(state);
  if (!readable) {
    readable = new Map();
    indexes.set(state, readable);
  }
  let ids = readable.get(caller.userId);
  if (!ids) {
    ids = [];
    for (const d of state.dashboards.values()) if (canRead(state, d, caller)) ids.push(d.dashboardId);
    ids.sort((a, b) => a - b);
    readable.set(caller.userId, ids);
  }
  return ids;
}

/** Call after a dashboard is created or its share changes: it joins or leaves each indexed caller's list. */
export function dashboardChanged(state: EnergycapState, d: EcDashboard): void {
  const readable = indexes.get(state);
  if (!readable) return;
  for (const [userId, ids] of readable) {
    const user = state.users.get(userId);
    const at = lowerBound(ids, d.dashboardId);
    const listed = ids[at] === d.dashboardId;
    const may = user !== undefined && canRead(state, d, user);
    if (may && !listed) ids.splice(at, 0, d.dashboardId);
    else if (!may && listed) ids.splice(at, 1);
  }
}
