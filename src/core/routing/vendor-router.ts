// Resolves (method, path) to one of a vendor's operations, built once from its operation table: every
// server base (e.g. SaaS and Managed prefixes) times every path. Decides 404 (no path) vs 405 (no method).
import type { Operation, OperationTable } from '../spec/operation-table';
import { MethodNotAllowed, RouteNotFound } from '../errors';
import type { PathTemplate } from './path-template';
import { bySpecificity, compilePathTemplate, escapeRegExp } from './path-template';
import { nearest, templateDistance } from '../explanation/nearest';
import { PathCache } from './path-cache';

export interface RouteMatch {
  operation: Operation;
  /** The full path template that matched (server base + operation path). */
  template: string;
  /** Path parameters of the operation's own template. */
  pathParams: Record<string, string>;
  /** Values of the server base's variables, e.g. { environmentId: 'abc' }; empty for a base without any. */
  serverParams: Record<string, string>;
}

interface Route {
  template: PathTemplate;
  /** The template's last segment when it is a literal (lower case for a case-insensitive vendor), else undefined. */
  lastLiteral: string | undefined;
  serverVariables: readonly string[];
  byMethod: Map<string, Operation>;
}

/** A route whose template matches a path, with the parameters read from it (frozen: shared by every request). */
interface PathMatch {
  route: Route;
  pathParams: Readonly<Record<string, string>>;
  serverParams: Readonly<Record<string, string>>;
}

export interface VendorRouterOptions {
  caseInsensitive: boolean;
  /** Extra prefixes this vendor answers for (e.g. any `/x.y.z/` API version), beyond its server bases. */
  claims: readonly RegExp[];
}

export class VendorRouter {
  private readonly routes: Route[];
  private readonly claimPatterns: RegExp[];
  /** Paths lately matched, with what they matched (also an empty list: a vendor's 404 or 405 is as cheap). */
  private readonly resolved = new PathCache<readonly PathMatch[]>();
  private readonly caseInsensitive: boolean;

  constructor(table: OperationTable, options: VendorRouterOptions) {
    this.caseInsensitive = options.caseInsensitive;
    const routes = new Map<string, Route>();
    for (const base of table.bases) {
      for (const operation of table.operations) {
        const full = base.template + operation.path;
        let route = routes.get(full);
        if (!route) {
          route = { template: compilePathTemplate(full, options.caseInsensitive), lastLiteral: lastLiteralOf(full, options.caseInsensitive), serverVariables: base.variables, byMethod: new Map() };
          routes.set(full, route);
        }
        for (const method of operation.methods) route.byMethod.set(method, operation);
      }
    }
    this.routes = [...routes.values()].sort((a, b) => bySpecificity(a.template, b.template));
    const flags = options.caseInsensitive ? 'i' : '';
    this.claimPatterns = [
      ...table.bases
        .filter((base) => base.template !== '')
        .map((base) => new RegExp(`^${escapeRegExp(base.template).replace(/\\\{[^}]+\\\}/g, '[^/]+')}(?:/|$)`, flags)),
      ...options.claims,
    ];
  }

  /** True when the path belongs to this vendor, matched or not, so that its own 404 answers it. */
  claims(path: string): boolean {
    return this.claimPatterns.some((pattern) => pattern.test(path));
  }

  /**
   * The operation for this request; throws RouteNotFound or MethodNotAllowed in the vendor's terms.
   * `targetLength`: the length of the request target the path was cut from (see path-cache.ts).
   */
  match(method: string, path: string, targetLength: number): RouteMatch {
    let allowed: Set<string> | undefined;
    const matches = this.matchesOf(path, targetLength);
    for (let i = 0; i < matches.length; i++) {
      const { route, pathParams, serverParams } = matches[i] as PathMatch;
      const operation = route.byMethod.get(method) ?? (method === 'HEAD' ? route.byMethod.get('GET') : undefined);
      if (operation) return { operation, template: route.template.template, pathParams, serverParams };
      allowed ??= new Set();
      for (const m of route.byMethod.keys()) allowed.add(m);
    }
    if (allowed) throw new MethodNotAllowed(method, [...allowed]);
    throw new RouteNotFound(method, path);
  }

  /** Every route whose template matches the path, most specific first (the method picks among them). */
  private matchesOf(path: string, targetLength: number): readonly PathMatch[] {
    const cached = this.resolved.get(path);
    if (cached !== undefined) return cached;
    const found: PathMatch[] = [];
    const last = lastSegment(path, this.caseInsensitive);
    for (let i = 0; i < this.routes.length; i++) {
      const route = this.routes[i] as Route;
      // A route whose template ends in a literal other than the path's last segment cannot match: one string
      // comparison instead of its regular expression (most routes of a vendor end in a literal).
      if (route.lastLiteral !== undefined && route.lastLiteral !== last) continue;
      const params = route.template.match(path);
      if (!params) continue;
      const { pathParams, serverParams } = splitParams(params, route.serverVariables);
      found.push(Object.freeze({ route, pathParams: Object.freeze(pathParams), serverParams: Object.freeze(serverParams) }));
    }
    this.resolved.set(path, Object.freeze(found), targetLength);
    return found;
  }

  /** The full path templates (server base + operation path) nearest to a path no route matched, for explanations. */
  nearestTemplates(path: string, count = 3): string[] {
    return nearest(this.routes, (r) => templateDistance(r.template.template, path, this.caseInsensitive), count).map((r) => r.template.template);
  }
}

function lastLiteralOf(template: string, caseInsensitive: boolean): string | undefined {
  // A template ending in '/' (its expression has its own idea of the last segment), or a parameter: no shortcut.
  if (template.endsWith('/')) return undefined;
  const segment = lastSegment(template, caseInsensitive);
  return segment === '' || segment.includes('{') ? undefined : segment;
}

/**
 * The path's last segment, one trailing slash ignored as the templates ignore it. Lower-cased for a case-insensitive
 * vendor: the literals are ASCII, and a character a case-insensitive expression matches to an ASCII letter
 * lower-cases to that letter, so the comparison never skips a route the expression would match.
 */
function lastSegment(path: string, caseInsensitive: boolean): string {
  const end = path.endsWith('/') ? path.length - 1 : path.length;
  const segment = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  return caseInsensitive ? segment.toLowerCase() : segment;
}

function splitParams(params: Record<string, string>, serverVariables: readonly string[]): Omit<RouteMatch, 'operation' | 'template'> {
  if (serverVariables.length === 0) return { pathParams: params, serverParams: {} };
  const pathParams: Record<string, string> = {};
  const serverParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (serverVariables.includes(name)) serverParams[name] = value;
    else pathParams[name] = value;
  }
  return { pathParams, serverParams };
}
