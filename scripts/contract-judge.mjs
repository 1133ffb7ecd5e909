// The independent judge: every request/response pair a test run recorded (one run folder, see
// test/support/exchange-record.ts) is checked by @stoplight/prism-http against the same specs, so our own
// Ajv validation is not the only judge of itself. It judges what was sent:
// - the request as the client sent it: the raw body parsed as prism's own server parses it (JSON for a JSON
//   content type, the raw text otherwise), the real Content-Type and every request header (security
//   requirements included), compared with what the emulator's own validation decided;
// - the response against the operation's documented status, headers and body; an RPC sub-operation
//   (x-emulator-dispatch, Luzmo) against its own schemas, through an operation built from the spec;
// - routing answers: a vendor's 404/405 (prism's router must find no operation for the method and path,
//   or for a 405 the path but not the method) and the catch-all 404 (no spec may route the request).
// Then a coverage table: each spec operation and documented status, and whether a test made it.
// DESK exchanges are also judged against the vendor's own spec (scripts/desk-vendor-judge.mjs).
// Fails on any disagreement, and on a documented status of an implemented operation that no test produced.
//
// Usage: node scripts/contract-judge.mjs [RUN_FOLDER] [--no-coverage]
//   RUN_FOLDER defaults to $SHARE_EMULATOR_ARTIFACTS, else the newest folder in .artifacts/runs.
//   --no-coverage: report coverage but do not fail on statuses never produced (fuzz runs).
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require('@stoplight/prism-http');
const { validateInput, validateOutput, validateSecurity } = require('@stoplight/prism-http/dist/validator');
const route = require('@stoplight/prism-http/dist/router').default;
// The same type-is prism's HTTP server decides with (it may differ from the one Express uses).
const typeIs = require(require.resolve('type-is', { paths: [require.resolve('@stoplight/prism-http-server')] }));
const { load } = require('js-yaml');
const Ajv2020 = require('ajv/dist/2020').default;
const { createDeskVendorJudge } = await import('./desk-vendor-judge.mjs');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const requireCoverage = !args.includes('--no-coverage');
const artifacts = args.find((a) => !a.startsWith('--')) ?? process.env.SHARE_EMULATOR_ARTIFACTS ?? newestRun();
const SPECS = { luzmo: 'luzmo', energycap: 'energycap', desk: 'desk', _emulator: 'emulator' };
const ERROR = 0; // prism DiagnosticSeverity.Error

function newestRun() {
  const runs = join(root, '.artifacts', 'runs');
  const dirs = existsSync(runs) ? readdirSync(runs).map((d) => join(runs, d)).filter((d) => statSync(d).isDirectory()) : [];
  if (dirs.length === 0) {
    console.error('judge: no run folder given and none in .artifacts/runs');
    process.exit(2);
  }
  return dirs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const records = readdirSync(artifacts)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(artifacts, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));

/** Handlers of the built vendor modules decide what is implemented (the control plane implements all). */
const { VENDORS } = require(join(root, 'dist', 'vendors', 'index.js'));
const implemented = new Map(VENDORS.map((v) => [v.name, new Set(Object.keys(v.handlers))]));

// ---------------------------------------------------------------------------------------------- specs

const specs = {};
for (const [vendor, file] of Object.entries(SPECS)) {
  const path = join(root, 'specs', `${file}.openapi.yaml`);
  const doc = load(readFileSync(path, 'utf8'));
  const operations = await getHttpOperationsFromSpec(path);
  const byId = new Map(operations.map((op) => [op.iid, op]));
  // RPC sub-operations (x-emulator-dispatch): coverage counts them under the documented operation that
  // routes them; responses and request bodies are judged against operations built from the sub-operation's
  // own schemas, parsed by prism like any other (`subOps`).
  const parentOf = new Map();
  const dispatchOf = new Map();
  const subOps = new Map();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const dispatch = op?.['x-emulator-dispatch'];
      if (!dispatch) continue;
      dispatchOf.set(op.operationId, dispatch);
      for (const sub of Object.values(dispatch.operations ?? {})) {
        parentOf.set(sub.operationId, op.operationId);
        const [built] = await getHttpOperationsFromSpec(subOperationDocument(doc, p, method, op, sub));
        subOps.set(sub.operationId, built);
      }
    }
  }
  const baseSources = (doc.servers ?? [{ url: '/' }]).map(
    (s) => `^${s.url.replace(/\/+$/, '').replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}(?=/|$)`,
  );
  const bases = baseSources.map((b) => new RegExp(b));
  const basesAnyCase = baseSources.map((b) => new RegExp(b, 'i'));
  specs[vendor] = { operations, byId, parentOf, dispatchOf, subOps, bases, basesAnyCase };
}

/** A copy of the document whose only operation is the sub-operation: the routed one with its own schemas. */
function subOperationDocument(doc, path, method, op, sub) {
  const json = (ref) => ({ 'application/json': { schema: { $ref: ref } } });
  const responses = { ...op.responses };
  for (const [code, ref] of Object.entries(sub.responses ?? {})) {
    const parent = resolveLocal(doc, op.responses?.[code]) ?? { description: `${sub.operationId} ${code}` };
    responses[code] = { ...parent, content: json(ref) };
  }
  const copy = JSON.parse(JSON.stringify(doc));
  const own = { ...op, operationId: sub.operationId, responses };
  delete own['x-emulator-dispatch'];
  if (sub.requestBody) own.requestBody = { ...resolveLocal(doc, op.requestBody), required: true, content: json(sub.requestBody) };
  copy.paths = { [path]: { [method]: own } };
  return copy;
}

function resolveLocal(doc, value) {
  if (!value?.$ref) return value;
  return value.$ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

// --------------------------------------------------------------------------------------------- routing

/** The path relative to the first server base of the spec that prefixes it, or undefined. */
function relativeTo(spec, path, anyCase = false) {
  for (const base of anyCase ? spec.basesAnyCase : spec.bases) {
    const m = base.exec(path);
    if (m) return path.slice(m[0].length) || '/';
  }
  return undefined;
}

/**
 * What prism's router makes of a method and path in one spec: { op } when an operation matches, else
 * 'no-path' or 'no-method'. Methods an operation lists in x-emulator-methods route to it (the spec's own
 * extension, which prism does not know), and HEAD routes where GET does (HTTP semantics, RFC 9110 9.3.2).
 */
function routeIn(spec, method, path) {
  let rel = relativeTo(spec, path);
  if (rel === undefined || !rel.startsWith('/')) return { result: 'no-path' };
  // The vendors' servers (JAX-RS, ASP.NET, Express) match a path with one trailing slash as without it.
  if (rel.length > 1 && rel.endsWith('/')) rel = rel.slice(0, -1);
  const attempt = (m) => route({ resources: spec.operations, input: { method: m.toLowerCase(), url: { path: rel } } });
  const first = attempt(method);
  // prism's router lets a template segment match an empty one ("/dashboards/" as "/dashboards/{id}" with
  // id ""); a path parameter is required, so that is no match here.
  if (first._tag === 'Right') return emptyParameter(first.right, rel) ? { result: 'no-path' } : { result: 'matched', op: first.right, rel };
  if (!String(first.left?.name ?? '').endsWith('NO_METHOD_MATCHED_ERROR')) return { result: 'no-path' };
  const aliases = [...spec.operations.filter((op) => (op.extensions?.['x-emulator-methods'] ?? []).includes(method.toUpperCase())).map((op) => op.method)];
  if (method.toUpperCase() === 'HEAD') aliases.push('get');
  for (const alias of aliases) {
    const again = attempt(alias);
    if (again._tag === 'Right' && !emptyParameter(again.right, rel)) return { result: 'matched', op: again.right, rel };
  }
  return { result: 'no-method' };
}

/**
 * The path relative to the operation's template with literal segments in the template's case, for an
 * operation the emulator routed where prism's router does not (EnergyCAP matches paths in any case [A]).
 */
function templatePath(spec, op, path) {
  const rel = relativeTo(spec, path, true) ?? path;
  const names = [];
  const pattern = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name) => (names.push(name), '([^/]+)'));
  const m = new RegExp(`^${pattern}/?$`, 'i').exec(rel);
  if (!m) return undefined;
  let out = op.path;
  names.forEach((name, i) => (out = out.replace(`{${name}}`, m[i + 1])));
  return out;
}

function emptyParameter(op, rel) {
  const template = op.path.split('/');
  const segments = rel.split('/');
  return template.some((t, i) => /\{[^}]+\}/.test(t) && segments[i] === '');
}

function routeAnywhere(method, path) {
  for (const [vendor, spec] of Object.entries(specs)) {
    const r = routeIn(spec, method, path);
    if (r.result === 'matched') return { vendor, ...r };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------ helpers

/** A value per name, an array only when the name repeats (how prism's deserializers expect it). */
function queryOf(raw) {
  const out = {};
  try {
    for (const [k, v] of new URLSearchParams(raw)) out[k] = k in out ? [].concat(out[k], v) : v;
  } catch {
    // an unparseable query is judged as empty
  }
  return out;
}

const storedBodies = new Map();
function bodyText(r, field) {
  if (r[field] !== null && r[field] !== undefined) return r[field];
  const ref = r[`${field}Ref`];
  if (!ref) return null;
  let text = storedBodies.get(ref);
  if (text === undefined) {
    text = readFileSync(join(artifacts, 'bodies', `${ref}.txt`), 'utf8');
    // A few recent bodies (fuzz bodies repeat); each may be up to 4 MiB.
    if (storedBodies.size >= 16) storedBodies.delete(storedBodies.keys().next().value);
    storedBodies.set(ref, text);
  }
  return text;
}

function parseResponse(text) {
  if (text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The request body as prism's own HTTP server reads it (prism-http-server parseRequestBody): none without
 * Content-Length or Transfer-Encoding (or with Content-Length 0); JSON.parse for application/json and
 * application/*+json, where malformed JSON is refused; the raw text for any other content type.
 */
function requestBodyOf(headers, text) {
  if (headers['content-length'] === '0' || (headers['transfer-encoding'] === undefined && headers['content-length'] === undefined)) return { body: undefined };
  const type = headers['content-type'];
  if (type && typeIs.is(type, ['application/json', 'application/*+json'])) {
    try {
      return { body: JSON.parse(text) };
    } catch (error) {
      return { body: undefined, malformed: `body is not valid JSON for its content type ${type}: ${error.message}` };
    }
  }
  return { body: text };
}

const errorsOf = (either) => (either._tag === 'Left' ? either.left.filter((d) => d.severity === ERROR) : []);
const describeDiag = (d) => `${(d.path ?? []).join('.') || '(root)'} ${d.code ?? ''}: ${d.message}`.replace(/ :/, ':');
/** The first messages (a 1 MiB body can hold tens of thousands of violations), and how many there were. */
function describeAll(diags) {
  const out = diags.slice(0, 8).map(describeDiag);
  if (diags.length > 8) out.push(`... ${diags.length} errors in all`);
  return out;
}

const inputCache = new Map();
/** prism's verdict on the request: security errors and input errors (body, headers, query, path). */
function judgeInput(op, r, rel) {
  const text = bodyText(r, 'requestBody') ?? '';
  const headers = r.requestHeaders;
  // Host and connection management do not change prism's verdict; leaving them out lets repeated bodies hit the cache.
  const judgedHeaders = Object.entries(headers).filter(([name]) => name !== 'host' && name !== 'connection');
  const key = `${op.iid}\u0000${rel}\u0000${r.query}\u0000${JSON.stringify(judgedHeaders)}\u0000${r.requestBodyRef ?? text}`;
  const cached = inputCache.get(key);
  if (cached) return cached;
  const { body, malformed } = requestBodyOf(headers, text);
  const element = { method: op.method, url: { path: rel, query: queryOf(r.query) }, headers, body };
  // prism's bearer check wants "Bearer" exactly; an authentication scheme is a case-insensitive token
  // (RFC 9110 11.1), so only the scheme's case is normalized for the security check.
  const authorization = headers.authorization?.replace(/^(bearer|basic|digest)(?=\s)/i, (s) => s[0].toUpperCase() + s.slice(1).toLowerCase());
  const security = describeAll(errorsOf(validateSecurity({ resource: op, element: { ...element, headers: { ...headers, authorization } } })));
  let input;
  try {
    input = describeAll(errorsOf(validateInput({ resource: op, element })));
  } catch (error) {
    // e.g. a path parameter that is not valid percent-encoding: prism cannot read it, so it refuses it.
    input = [`prism cannot read the request: ${error.message}`];
  }
  if (malformed) input.unshift(malformed);
  const verdict = { security, input };
  inputCache.set(key, verdict);
  return verdict;
}

const outputCache = new Map();
function judgeOutput(op, r, text) {
  const headers = r.responseHeaders;
  const key = `${op.iid}\u0000${r.status}\u0000${headers['content-type'] ?? ''}\u0000${r.method === 'HEAD' ? '' : (r.responseTextRef ?? text)}`;
  const cached = outputCache.get(key);
  if (cached) return cached;
  // A HEAD answer has no body: its status is judged (documented or not), its body cannot be.
  const errors = r.method === 'HEAD' ? [] : describeAll(errorsOf(validateOutput({ resource: op, element: { statusCode: r.status, headers, body: parseResponse(text) } })));
  outputCache.set(key, errors);
  return errors;
}

/** The sub-operation the spec's dispatch rule selects for this request body, if any. */
function dispatchedBy(spec, parentId, r) {
  const dispatch = spec.dispatchOf.get(parentId);
  if (!dispatch) return undefined;
  const text = bodyText(r, 'requestBody');
  if (text === null) return { unknownBody: true };
  let value;
  try {
    value = JSON.parse(text)?.[dispatch.property];
  } catch {
    return { id: undefined };
  }
  const sub = typeof value === 'string' && Object.hasOwn(dispatch.operations ?? {}, value) ? dispatch.operations[value] : undefined;
  return { id: sub?.operationId };
}

// ------------------------------------------------------------------------------------------- judging

const count = {
  operations: 0,
  routing: 0,
  compared: 0,
  decisionUnknown: 0,
  notRun: 0,
  noAnswer: 0,
  nodeParser: 0,
  dropped: 0,
  routedByEmulatorOnly: 0,
  requestNotRecorded: 0,
  responseNotRecorded: 0,
  outOfRange: 0,
};
const bySource = {};
const violations = [];
const lenient = [];
const seen = new Map();
const kinds = new Map();
function disagree(r, where, message) {
  violations.push(`${where}: ${message}`);
  // The same disagreement repeats across a fuzz run: count each kind (numbers and ids left out) once.
  const kind = `${r.method} ${r.vendor ?? '-'}: ${message.split(': ').slice(0, 2).join(': ')}`
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}')
    .replace(/\b\d+\b/g, (n) => (Number(n) >= 100 && Number(n) < 600 ? n : 'N'))
    .slice(0, 200);
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
/**
 * The emulator's documented lenient readings [A] (README, each vendor's assumptions), applied here from the
 * rules, not from the emulator's code or output: what the emulator accepts beyond the spec must be one of
 * these, and each such exchange is listed with the rules it needed.
 */
const READINGS = {
  desk: { coerce: true, nulls: 'deep', anyCase: false },
  energycap: { coerce: false, nulls: 'none', anyCase: true },
  luzmo: { coerce: false, nulls: 'top', anyCase: false },
};
const coercing = new Ajv2020({ coerceTypes: true, strict: false, allErrors: false, validateFormats: false });
const coercers = new WeakMap();

function documentedReading(vendor, op, r, rel) {
  const rules = [];
  const reading = READINGS[vendor];
  if (!reading) return null;
  const text = bodyText(r, 'requestBody') ?? '';
  const headers = Object.fromEntries(Object.entries(r.requestHeaders).filter(([name]) => !['content-type', 'content-length', 'transfer-encoding'].includes(name)));
  const schema = op.request?.body?.contents?.find((c) => c.mediaType === 'application/json')?.schema;
  let body;
  if (!schema) {
    if (text !== '') rules.push('a body on an operation that takes none is ignored');
  } else if (text.trim() !== '') {
    const type = r.requestHeaders['content-type'];
    if (type === undefined) rules.push('a body without Content-Type is read as JSON');
    else if (!typeIs.is(type, ['application/json', 'application/*+json'])) return null;
    try {
      body = JSON.parse(text);
    } catch {
      return null;
    }
    headers['content-type'] = 'application/json';
    if (reading.nulls !== 'none' && dropNulls(body, reading.nulls === 'deep')) rules.push(`null properties read as absent (${reading.nulls === 'deep' ? 'at any depth' : 'top level'})`);
    if (reading.anyCase && renameToDeclared(body, schema)) rules.push('property names matched in any case');
    if (reading.coerce) {
      let coerce = coercers.get(schema);
      // prism marks its schemas draft-07; the keywords the specs use mean the same in 2020-12.
      if (!coerce) coercers.set(schema, (coerce = coercing.compile({ ...schema, $schema: undefined })));
      const before = JSON.stringify(body);
      coerce(body);
      if (JSON.stringify(body) !== before) rules.push('scalars coerced to the declared type (Jackson)');
    }
  }
  if (rules.length === 0) return null;
  const errors = errorsOf(validateInput({ resource: op, element: { method: op.method, url: { path: rel, query: queryOf(r.query) }, headers, body } }));
  return errors.length === 0 ? rules : null;
}

function hasNonFinite(root) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'number' && !Number.isFinite(node)) return true;
    if (typeof node === 'object' && node !== null) for (const value of Object.values(node)) stack.push(value);
  }
  return false;
}

function dropNulls(node, deep) {
  let dropped = false;
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      if (deep) for (const item of n) if (typeof item === 'object' && item !== null) stack.push(item);
    } else if (typeof n === 'object' && n !== null) {
      for (const key of Object.keys(n)) {
        if (n[key] === null) {
          delete n[key];
          dropped = true;
        } else if (deep && typeof n[key] === 'object') stack.push(n[key]);
      }
      if (!deep) break;
    }
  }
  return dropped;
}

function renameToDeclared(node, schema) {
  let renamed = false;
  const stack = [[node, schema]];
  while (stack.length > 0) {
    const [n, s] = stack.pop();
    if (!s || typeof n !== 'object' || n === null) continue;
    if (Array.isArray(n)) {
      for (const item of n) stack.push([item, s.items]);
      continue;
    }
    const declared = new Map(Object.keys(s.properties ?? {}).map((name) => [name.toLowerCase(), name]));
    for (const key of Object.keys(n)) {
      const name = declared.get(key.toLowerCase());
      if (name === undefined) continue;
      if (name !== key && !(name in n)) {
        n[name] = n[key];
        delete n[key];
        renamed = true;
      }
      stack.push([n[name], s.properties[name]]);
    }
  }
  return renamed;
}

for (const r of records) {
  bySource[r.source ?? 'unknown'] = (bySource[r.source ?? 'unknown'] ?? 0) + 1;
  const where = `${r.method} ${r.path.slice(0, 160)}${r.query ? `?${r.query.slice(0, 80)}` : ''} -> ${r.status} [${r.vendor ?? (r.vendor === null ? 'unclaimed' : '?')}.${r.operationId ?? '-'}] (${r.source}: ${r.test})`;
  if (r.dropped) {
    count.dropped++;
    continue;
  }
  if (r.status === null) {
    count.noAnswer++;
    continue;
  }
  if (r.answeredBy === 'node-parser') {
    count.nodeParser++;
    continue;
  }

  // Which operation the exchange belongs to: the emulator's word when known, prism's router otherwise.
  let vendor = r.vendor;
  let spec = vendor ? specs[vendor] : undefined;
  let op;
  let rel;
  const failedBeforeRouting = r.vendor && r.operationId === null && r.status !== 404 && r.status !== 405;
  if (r.vendor === undefined || r.operationId === undefined || failedBeforeRouting) {
    // Not journaled (a control-plane call), evicted from the journal, or refused before routing (a control
    // call with a malformed namespace header): route it as prism does.
    const found = routeAnywhere(r.method, r.path);
    if (found) {
      vendor = found.vendor;
      spec = specs[vendor];
      op = found.op;
      rel = found.rel;
    } else {
      count.routing++;
      if (r.status < 400) disagree(r, where, `answered ${r.status} to a request no spec routes (prism's router finds no operation)`);
      continue;
    }
  } else if (r.vendor === null) {
    // The catch-all 404: no vendor claimed the path, so no spec may route it.
    count.routing++;
    const found = routeAnywhere(r.method, r.path);
    if (found) disagree(r, where, `no vendor claimed the request, but prism routes it to ${found.vendor}.${found.op.iid}`);
    if (r.status !== 404) disagree(r, where, `the catch-all answered ${r.status}, not 404`);
    continue;
  } else if (r.operationId === null) {
    // A vendor's routing answer: 405 = the path exists without this method, 404 = no operation at all.
    count.routing++;
    if (!spec) continue;
    const found = routeIn(spec, r.method, r.path);
    if (found.result === 'matched') disagree(r, where, `the emulator found no operation, but prism routes it to ${found.op.iid}`);
    else if (r.status === 405 && found.result !== 'no-method') disagree(r, where, `405, but prism's router finds no such path (a 404)`);
    else if (r.status !== 405 && r.status !== 404 && !r.fault) disagree(r, where, `a routing failure answered ${r.status} (expected 404 or 405)`);
    continue;
  }
  if (!spec) continue;
  if (!op) {
    const documentedId = spec.parentOf.get(r.operationId) ?? r.operationId;
    op = spec.byId.get(documentedId);
    if (!op) {
      disagree(r, where, `prism finds no operation ${documentedId}`);
      continue;
    }
    const routed = routeIn(spec, r.method, r.path);
    if (routed.result === 'matched') {
      rel = routed.rel;
      if (routed.op.iid !== op.iid) disagree(r, where, `prism routes it to ${routed.op.iid}, the emulator to ${documentedId}`);
    } else {
      // Not a disagreement by itself (EnergyCAP matches paths in any case [A], which a spec cannot say), but counted.
      count.routedByEmulatorOnly++;
      rel = templatePath(spec, op, r.path);
      if (rel === undefined) disagree(r, where, `the path does not match ${op.iid}'s template ${op.path}, even ignoring case`);
    }
  }
  count.operations++;

  // An RPC operation is judged as the sub-operation the spec's dispatch rule picks from the body sent.
  let judged = op;
  const dispatched = dispatchedBy(spec, op.iid, r);
  if (dispatched && !dispatched.unknownBody) {
    if (dispatched.id) judged = spec.subOps.get(dispatched.id) ?? op;
    const emulatorSub = spec.parentOf.has(r.operationId) ? r.operationId : undefined;
    if (emulatorSub && emulatorSub !== dispatched.id) disagree(r, where, `the body dispatches to ${dispatched.id ?? 'no operation'}, the emulator ran ${emulatorSub}`);
    if (r.status >= 200 && r.status < 300 && !dispatched.id && !r.fault) disagree(r, where, `${r.status} for a body that dispatches to no operation`);
  }
  const judgedId = judged.iid;

  const documented = op.responses.some((resp) => resp.code === String(r.status) || resp.code === 'default');
  // prism only warns about an undocumented 4xx/5xx; here it is a disagreement like any other.
  if (!documented && !r.fault) disagree(r, where, `status ${r.status} is not documented for ${op.iid}`);
  if (!r.fault && r.source !== 'fuzz') seen.set(`${vendor} ${op.iid} ${r.status}`, (seen.get(`${vendor} ${op.iid} ${r.status}`) ?? 0) + 1);

  const responseText = bodyText(r, 'responseText');
  if (responseText === null && r.responseTextBytes > 0) count.responseNotRecorded++;
  else if (!(r.fault && !documented)) {
    for (const d of judgeOutput(judged, r, responseText)) disagree(r, where, `response (${judgedId}) ${d}`);
  }

  // The request, as sent. Compared with the emulator's decision where it validated.
  if (r.requestBodyBytes > 0 && bodyText(r, 'requestBody') === null) {
    count.requestNotRecorded++;
    continue;
  }
  const { security, input } = judgeInput(judged, r, rel ?? judged.path);
  const authenticated = r.decision === 'passed' || r.decision === 'rejected' || (r.status >= 200 && r.status < 300 && !r.fault);
  if (authenticated && security.length > 0) disagree(r, where, `the emulator let through a request the spec's security requirements refuse: ${security.join('; ')}`);
  if (r.decision === 'passed' || r.decision === 'rejected') {
    count.compared++;
    if (r.decision === 'passed' && input.length > 0) {
      // Accepted as sent? No. Accepted as the emulator read it (a documented [A] lenient reading: string
      // booleans, nulls as absent, property names in any case, a JSON body without a Content-Type)? Then it
      // is listed as lenient, not hidden; otherwise it is a disagreement.
      const rules = documentedReading(vendor, judged, r, rel ?? judged.path);
      if (rules) lenient.push(`${where}: accepted through ${rules.join(', ')}; as sent: ${input.slice(0, 3).join('; ')}`);
      else disagree(r, where, `the emulator accepted a request the spec rejects (${judgedId}): ${input.slice(0, 5).join('; ')}`);
    }
    if (r.decision === 'rejected' && input.length === 0) {
      // A number literal past the double range (1e400) parses to Infinity, which prism's validator counts as an
      // integer and Ajv 8's does not: prism cannot judge those, so they are counted apart, not as agreement.
      if (hasNonFinite(requestBodyOf(r.requestHeaders, bodyText(r, 'requestBody') ?? '').body)) count.outOfRange++;
      else disagree(r, where, `the emulator rejected a request the spec accepts (${judgedId}): ${(bodyText(r, 'requestBody') ?? '').slice(0, 200)}`);
    }
  } else if (r.decision === 'unknown') {
    count.decisionUnknown++;
  } else {
    count.notRun++;
  }
}

// DESK, judged a second time by the vendor's own spec (its statuses and schemas, with the listed differences).
const deskVendor = createDeskVendorJudge();
for (const r of records) deskVendor.judge(r, r.vendor === 'desk' ? bodyText(r, 'responseText') : null);
const deskVendorVerdict = deskVendor.report({ requireCoverage });

// Coverage: every documented status of every implemented operation must have been produced by a test.
const missing = [];
const rows = [];
for (const [vendor, spec] of Object.entries(specs)) {
  for (const op of spec.operations) {
    const subs = [...spec.parentOf].filter(([, parent]) => parent === op.iid).map(([sub]) => sub);
    const handlers = implemented.get(vendor);
    const isImplemented = !handlers || handlers.has(op.iid) || subs.some((s) => handlers.has(s));
    const cells = op.responses
      .map((resp) => resp.code)
      .sort()
      .map((code) => {
        const n = seen.get(`${vendor} ${op.iid} ${code}`) ?? 0;
        if (n === 0 && isImplemented) missing.push(`${vendor} ${op.iid} ${code}`);
        return `${code}:${n === 0 ? '--' : n}`;
      });
    rows.push([`${vendor}.${op.iid}${isImplemented ? '' : ' (not implemented)'}`, cells.join('  ')]);
  }
}
if (requireCoverage) {
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log('Spec coverage (documented status: exchanges that produced it in the test suites, fuzz excluded)');
  for (const [name, cells] of rows) console.log(`  ${name.padEnd(width)}  ${cells}`);
}
const sources = Object.entries(bySource)
  .map(([s, n]) => `${s} ${n}`)
  .join(', ');
const c = count;
console.log(`judge: ${artifacts}`);
console.log(
  `judge: ${records.length} exchanges recorded (${sources || 'none'}); ${c.operations + c.routing} judged by prism-http ` +
    `(${c.operations} against their operation, of which ${c.routedByEmulatorOnly} on paths only the emulator routes; ${c.routing} routing answers); requests: ${c.compared} compared with the emulator's decision, ` +
    `${c.decisionUnknown} decision unknown (journal entry evicted or never journaled: response only), ${c.notRun} not validated by the emulator; ` +
    `not judged: ${c.noAnswer} no answer, ${c.nodeParser} answered by Node's HTTP parser, ${c.dropped} dropped by a fault, ` +
    `${c.requestNotRecorded} request body not recorded, ${c.outOfRange} rejected with a number past the double range (prism reads Infinity as an integer), ${c.responseNotRecorded} response body not recorded (its input still judged); ` +
    `${lenient.length} accepted only through a documented lenient reading [A] (listed), ${violations.length} disagreements, ${requireCoverage ? missing.length : `(not required) ${missing.length}`} documented statuses never produced`,
);
for (const l of lenient.slice(0, 20)) console.log(`  LENIENT ${l}`);
if (kinds.size > 1) {
  console.log(`  disagreements by kind (${kinds.size} kinds):`);
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${String(n).padStart(6)}  ${kind}`);
}
const shown = process.env.JUDGE_ALL === '1' ? violations.length : 50;
for (const v of violations.slice(0, shown)) console.log(`  DISAGREE ${v}`);
if (violations.length > shown) console.log(`  ... and ${violations.length - shown} more (JUDGE_ALL=1 lists them all)`);
if (requireCoverage) for (const m of missing) console.log(`  NEVER PRODUCED ${m}`);
console.log(`judge: ${deskVendorVerdict.lines.join('\n')}`);
// exitCode, not process.exit(): exiting at once loses what a piped stdout has not written yet (the coverage
// table and its NEVER PRODUCED lines run to hundreds of lines).
process.exitCode = violations.length === 0 && (!requireCoverage || missing.length === 0) && deskVendorVerdict.ok ? 0 : 1;
