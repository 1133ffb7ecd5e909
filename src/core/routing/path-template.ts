// An OpenAPI path template (`/e/{environmentId}/dashboards/{id}`) compiled to a matcher that returns
// the decoded parameter values. A parameter is exactly one path segment; literal segments may be matched
// case-insensitively (for vendors on ASP.NET).

export interface PathTemplate {
  template: string;
  /** One weight per segment: literal segments rank before parameters at the same position. */
  specificity: readonly number[];
  match(path: string): Record<string, string> | null;
}

export function compilePathTemplate(template: string, caseInsensitive: boolean): PathTemplate {
  const names: string[] = [];
  const specificity: number[] = [];
  const pattern = template
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param) {
        names.push(param[1] as string);
        specificity.push(0);
        return '([^/]+)';
      }
      if (segment.includes('{')) throw new Error(`Template segments must be a literal or one {parameter}: ${template}`);
      specificity.push(1);
      return escapeRegExp(segment);
    })
    .join('/');
  // A trailing slash is tolerated, as the vendors' servers do.
  const regex = new RegExp(`^/${pattern}/?$`, caseInsensitive ? 'i' : '');
  return {
    template,
    specificity,
    match(path) {
      const m = regex.exec(path);
      if (!m) return null;
      const params: Record<string, string> = {};
      for (let k = 0; k < names.length; k++) params[names[k] as string] = safeDecode(m[k + 1] as string);
      return params;
    },
  };
}

/** Orders templates so that the most literal one is tried first: /dashboards/validator before /dashboards/{id}. */
export function bySpecificity(a: PathTemplate, b: PathTemplate): number {
  const n = Math.max(a.specificity.length, b.specificity.length);
  for (let k = 0; k < n; k++) {
    const d = (b.specificity[k] ?? -1) - (a.specificity[k] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function safeDecode(segment: string): string {
  // Most segments are plain ids; decodeURIComponent costs more than the check that they need none.
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
