// The path templates (or words) nearest to what a caller sent, for explaining a 404: an edit distance over
// path segments in which a `{parameter}` segment matches any value and a literal costs its character edits.
// Written here rather than taken from a string-distance library: those compare flat strings, and a flat
// distance ranks `/dashboards/{id}` far from `/dashboards/5f0…` although it is the template that was meant.

/** Edit distance between two sequences: insertions and deletions cost 1, a substitution what `cost` says (0..1). */
function editDistance<T>(a: readonly T[], b: readonly T[], cost: (x: T, y: T) => number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + cost(a[i - 1] as T, b[j - 1] as T);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Character edit distance (Levenshtein), normalized to 0..1 by the longer length. */
export function wordDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return 1;
  return editDistance([...a], [...b], (x, y) => (x === y ? 0 : 1)) / Math.max(a.length, b.length);
}

function segmentCost(templateSegment: string, pathSegment: string, caseInsensitive: boolean): number {
  if (templateSegment.startsWith('{') && templateSegment.endsWith('}')) return 0;
  return caseInsensitive ? wordDistance(templateSegment.toLowerCase(), pathSegment.toLowerCase()) : wordDistance(templateSegment, pathSegment);
}

/** Distance between a path template and a concrete path: segment edits, each substitution costing 0..1. */
export function templateDistance(template: string, path: string, caseInsensitive: boolean): number {
  const segments = (text: string): string[] => text.split('/').filter((s) => s !== '');
  return editDistance(segments(template), segments(path), (t, p) => segmentCost(t, p, caseInsensitive));
}

/** The `count` candidates nearest to `target` by `distance`, nearest first (ties keep the given order). */
export function nearest<T>(candidates: readonly T[], distance: (candidate: T) => number, count = 3): T[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, d: distance(candidate) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, count)
    .map((x) => x.candidate);
}
