// The independent judge: every request/response pair the test suites produced (.artifacts/exchanges) is
// checked by @stoplight/prism-http against the same specs, so our own Ajv validation is not the only judge
// of itself. Then a coverage table: each spec operation and documented status, and whether a test made it.
// Fails on any disagreement, and on a documented status of an implemented operation that no test produced.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require('@stoplight/prism-http');
const { validateInput, validateOutput } = require('@stoplight/prism-http/dist/validator');
const { load } = require('js-yaml');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = process.argv[2] ?? join(root, '.artifacts', 'exchanges');
const SPECS = { luzmo: 'luzmo', energycap: 'energycap', desk: 'desk', _emulator: 'emulator' };
const ERROR = 0; // prism DiagnosticSeverity.Error

const records = readdirSync(artifacts)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(artifacts, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));

/** Handlers of the built vendor modules decide what is implemented (the control plane implements all). */
const { VENDORS } = require(join(root, 'dist', 'vendors', 'index.js'));
const implemented = new Map(VENDORS.map((v) => [v.name, new Set(Object.keys(v.handlers))]));

const specs = {};
for (const [vendor, file] of Object.entries(SPECS)) {
  const path = join(root, 'specs', `${file}.openapi.yaml`);
  const doc = load(readFileSync(path, 'utf8'));
  const operations = await getHttpOperationsFromSpec(path);
  const byId = new Map(operations.map((op) => [op.iid, op]));
  // RPC sub-operations (x-emulator-dispatch) are judged as the documented operation that routes them.
  const parentOf = new Map();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      for (const sub of Object.values(op?.['x-emulator-dispatch']?.operations ?? {})) parentOf.set(sub.operationId, op.operationId);
    }
  }
  const bases = (doc.servers ?? [{ url: '/' }]).map((s) => s.url.replace(/\/+$/, ''));
  specs[vendor] = { operations, byId, parentOf, bases };
}

/** The path relative to the server base, with literal segments in the template's case (EnergyCAP matches any case). */
function specPath(spec, op, path) {
  for (const base of spec.bases) {
    const template = `${base}${op.path}`;
    const names = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name) => (names.push(name), '([^/]+)'));
    const m = new RegExp(`^${pattern}/?$`, 'i').exec(path);
    if (!m) continue;
    let relative = op.path;
    names.forEach((name, i) => {
      if (relative.includes(`{${name}}`)) relative = relative.replace(`{${name}}`, m[i + 1]);
    });
    return relative;
  }
  return undefined;
}

/** A value per name, an array only when the name repeats (how prism's deserializers expect it). */
function queryOf(raw) {
  const out = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k in out ? [].concat(out[k], v) : v;
  return out;
}

function parse(text) {
  if (text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const errorsOf = (either) => (either._tag === 'Left' ? either.left.filter((d) => d.severity === ERROR) : []);
const describeDiag = (d) => `${(d.path ?? []).join('.') || '(root)'} ${d.code}: ${d.message}`;

const violations = [];
const seen = new Map();
let judged = 0;
for (const r of records) {
  if (!r.vendor || !r.operationId || r.dropped) continue;
  const spec = specs[r.vendor];
  if (!spec) continue;
  const documentedId = spec.parentOf.get(r.operationId) ?? r.operationId;
  const op = spec.byId.get(documentedId);
  const where = `${r.method} ${r.path}${r.query ? `?${r.query}` : ''} -> ${r.status} [${r.vendor}.${r.operationId}] (${r.test})`;
  if (!op) {
    violations.push(`${where}: prism finds no operation ${documentedId}`);
    continue;
  }
  judged++;
  const documented = op.responses.some((resp) => resp.code === String(r.status) || resp.code === 'default');
  // prism only warns about an undocumented 4xx/5xx; here it is a disagreement like any other.
  if (!documented && !r.fault) violations.push(`${where}: status ${r.status} is not documented for ${documentedId}`);
  if (!r.fault) seen.set(`${r.vendor} ${documentedId} ${r.status}`, (seen.get(`${r.vendor} ${documentedId} ${r.status}`) ?? 0) + 1);
  if (!(r.fault && !documented) && r.responseText !== null) {
    const headers = Object.fromEntries(Object.entries(r.responseHeaders).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const output = validateOutput({ resource: op, element: { statusCode: r.status, headers, body: parse(r.responseText) } });
    for (const d of errorsOf(output)) violations.push(`${where}: response ${describeDiag(d)}`);
  }
  if (r.validation) {
    const path = specPath(spec, op, r.path);
    const element = {
      method: op.method,
      url: { path: path ?? op.path, query: queryOf(r.query) },
      headers: { 'content-type': 'application/json' },
      body: r.validation.body,
    };
    const input = errorsOf(validateInput({ resource: op, element }));
    if (r.validation.outcome === 'passed' && input.length > 0) {
      violations.push(`${where}: the emulator accepted a request the spec rejects: ${input.map(describeDiag).join('; ')}`);
    }
    if (r.validation.outcome === 'rejected' && input.length === 0) {
      violations.push(`${where}: the emulator rejected a request the spec accepts: ${JSON.stringify(r.validation.body).slice(0, 200)}`);
    }
  }
}

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
        const count = seen.get(`${vendor} ${op.iid} ${code}`) ?? 0;
        if (count === 0 && isImplemented) missing.push(`${vendor} ${op.iid} ${code}`);
        return `${code}:${count === 0 ? '--' : count}`;
      });
    rows.push([`${vendor}.${op.iid}${isImplemented ? '' : ' (not implemented)'}`, cells.join('  ')]);
  }
}
const width = Math.max(...rows.map(([name]) => name.length));
console.log('Spec coverage (documented status: exchanges that produced it in the test suites)');
for (const [name, cells] of rows) console.log(`  ${name.padEnd(width)}  ${cells}`);
console.log(`judge: ${records.length} exchanges recorded, ${judged} judged by prism-http, ${violations.length} disagreements, ${missing.length} documented statuses never produced`);
for (const v of violations.slice(0, 50)) console.log(`  DISAGREE ${v}`);
if (violations.length > 50) console.log(`  ... and ${violations.length - 50} more`);
for (const m of missing) console.log(`  NEVER PRODUCED ${m}`);
process.exit(violations.length === 0 && missing.length === 0 ? 0 : 1);
