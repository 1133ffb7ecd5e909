// The path templates (or words) nearest to what a caller sent, for explaining a 404: an edit distance over
// path segments in which a `{parameter}` segment matches any value and a literal costs its character edits.
// Written here rather than taken from a string-distance library: those compare flat strings, and a flat
// distance ranks `/dashboards/{id}` far from `/dashboards/5f0…` although it is the template that was meant.

/** Character edit distance (Levenshtein), normalized to 0..1 by the longer length. */
export function wordDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 1;
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const current = [i];
    for (let j = 1; j <= m; j++) {
      const substitution = (previous[j - 1] as number) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return (previous[m] as number) / Math.max(n, m);
}

function segmentCost(templateSegment: string, pathSegment: string, caseInsensitive: boolean): number {
  if (templateSegment.startsWith('{') && templateSegment.endsWith('}')) return 0;
  return caseInsensitive ? wordDistance(templateSegment.toLowerCase(), pathSegment.toLowerCase()) : wordDistance(templateSegment, pathSegment);
}

/** Distance between a path template and a concrete path: segment edits, each substitution costing 0..1. */
export function templateDistance(template: string, path: string, caseInsensitive: boolean): number {
  const t = template.split('/').filter((s) => s !== '');
  const p = path.split('/').filter((s) => s !== '');
  let previous = Array.from({ length: p.length + 1 }, (_, j) => j);
  for (let i = 1; i <= t.length; i++) {
    const current = [i];
    for (let j = 1; j <= p.length; j++) {
      const substitution = (previous[j - 1] as number) + segmentCost(t[i - 1] as string, p[j - 1] as string, caseInsensitive);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[p.length] as number;
}

/** The `count` candidates nearest to `target` by `distance`, nearest first (ties keep the given order). */
export function nearest<T>(candidates: readonly T[], distance: (candidate: T) => number, count = 3): T[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, d: distance(candidate) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, count)
    .map((x) => x.candidate);
}
