// The vendor's own spec as a second judge of DESK: every recorded DESK exchange is checked against the
// vendor's OpenAPI description (../shared/vendor/desk/config-v1-1.254.47-dashboards.json, read in place,
// never copied into the project): the status must be one the vendor declares for the operation and the body
// must match the vendor's schema for it (DashboardList/DashboardStub, Dashboard, EntityShortRepresentation,
// DashboardSharing, ErrorEnvelope/Error/ConstraintViolation), or the exchange must fall under one of the
// differences listed below, each with its reason, and counted. Anything else is a mismatch.
//
// Used by scripts/contract-judge.mjs over every exchange of a run; also runs alone:
//   node scripts/desk-vendor-judge.mjs RUN_FOLDER [--no-coverage]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VENDOR_SPEC = join(root, '..', 'shared', 'vendor', 'desk', 'config-v1-1.254.47-dashboards.json');

/** Our operationId -> the vendor's, for the same method and path (checked when the judge loads). */
export const VENDOR_OPERATION = {
  getDashboards: 'getDashboardStubsList',
  createDashboard: 'createDashboard',
  validateCreateDashboard: 'validateDashboardCreation',
  getDashboard: 'getDashboard',
  createOrUpdateDashboard: 'updateDashboard',
  deleteDashboard: 'deleteDashboard',
  validateCreateOrUpdateDashboard: 'validateDashboardUpdate',
  getDashboardShareSettings: 'getDashboardSharingSettings',
  updateDashboardShareSettings: 'updateShareSettings',
  validateDashboardShareSettings: 'validateShareSettingsUpdate',
};

/**
 * Where the emulator's answers legitimately differ from the vendor's spec. Each is counted in the report; an
 * exchange outside all of them that breaks the vendor's spec is a mismatch. The body of an answer that falls
 * under a status difference is still checked against the vendor's ErrorEnvelope.
 */
export const DIFFERENCES = {
  'undeclared-400': 'A 400 where the vendor declares none (GETs, DELETE): a path id that is not a UUID is observed answering 400 `Not a valid UUID.` (keptn-contrib/dynatrace-service fixtures).',
  'undeclared-401': 'The vendor declares no 401; real servers answer `Missing authorization parameter.` / `Token Authentication failed` with 401 (Terraform #208, dynatrace-oneagent-operator fixtures).',
  'undeclared-403': 'The vendor declares no 403; a token without the scope is observed answering 403 `Token is missing required scope. ...` (monaco #411, keptn fixtures).',
  'undeclared-404': 'The vendor declares no 404; an unknown dashboard is observed answering 404 `Dashboard <id> not found`, an unknown environment 404 `failed to resolve tenant <id>` (keptn fixtures, Terraform #248).',
  'undeclared-413': '[A] 10: the documented 1 MB payload limit (access-limit page) with no declared status: 413 in the ErrorEnvelope.',
  'undeclared-415': '[A] 10: a non-JSON Content-Type: 415 in the ErrorEnvelope; the vendor declares only application/json bodies.',
  'undeclared-429': 'The vendor documents 429 for a full request pool (access-limit page) but declares it nowhere; answered only with RATE_LIMITS on, in the ErrorEnvelope.',
  'routing-answer': '[A] 10: a path no operation has (404 `HTTP 404 Not Found`) or a method the path lacks (405): no vendor operation to judge against, the body is checked as an ErrorEnvelope.',
  'not-a-vendor-operation': '[A] 16: dashboard migration (PUT /dashboards/{dashboardId}/migrate, GET /dashboards/migrateAll) is in the vendor\'s Postman collection (1.320) but not in this spec (1.254.47) and is not emulated: 501 or an auth/path error, as an ErrorEnvelope.',
  'injected-fault': 'A status injected by a fault rule or the X-Emulator-Fault header (429, 503, ...): the test asked for it; the body is checked as an ErrorEnvelope.',
  'dynamic-filters-as-sent': 'dashboardMetadata.dynamicFilters is kept as sent (our spec: any object), so a dashboard stored without `filters` reads back without it; the vendor\'s DynamicFilters requires `filters`, and its versions disagree on the rest (1.254: tagSuggestionTypes, 1.320: genericTagFilters).',
  'location-null': 'ConstraintViolation.location is a non-nullable string in the vendor spec, but real responses carry "location": null (keptn fixtures, api-client-python #119, ace-box #77).',
};

function jsonType(headers) {
  const type = headers?.['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type.trim());
}

function parse(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { invalid: true };
  }
}

/** A judge over DESK exchange records: `judge(record, responseText)` for each, then `report()`. */
export function createDeskVendorJudge(specPath = VENDOR_SPEC) {
  const vendor = JSON.parse(readFileSync(specPath, 'utf8'));
  const ours = require('js-yaml').load(readFileSync(join(root, 'specs', 'desk.openapi.yaml'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'vendor', components: vendor.components });
  const validators = new Map();
  const validatorFor = (ref) => {
    let v = validators.get(ref);
    if (!v) validators.set(ref, (v = ajv.compile({ $ref: `vendor${ref}` })));
    return v;
  };

  // The vendor's operations by id, and the mapping checked: same method and path on both sides.
  const vendorOps = new Map();
  for (const [path, item] of Object.entries(vendor.paths)) {
    for (const [method, op] of Object.entries(item)) if (op?.operationId) vendorOps.set(op.operationId, { path, method, op });
  }
  const ourOps = new Map();
  for (const [path, item] of Object.entries(ours.paths)) {
    for (const [method, op] of Object.entries(item)) if (op?.operationId) ourOps.set(op.operationId, { path, method });
  }
  for (const [mine, theirs] of Object.entries(VENDOR_OPERATION)) {
    const a = ourOps.get(mine);
    const b = vendorOps.get(theirs);
    if (!a || !b || a.method !== b.method || a.path !== b.path) {
      throw new Error(`desk vendor judge: ${mine} (${a?.method} ${a?.path}) does not map to the vendor's ${theirs} (${b?.method} ${b?.path})`);
    }
  }

  const counts = { judged: 0, asDeclared: 0 };
  const differences = new Map(Object.keys(DIFFERENCES).map((k) => [k, 0]));
  const mismatches = [];
  const produced = new Map();
  for (const { op } of vendorOps.values()) for (const code of Object.keys(op.responses)) produced.set(`${op.operationId} ${code}`, 0);

  /** Problems of a body against a vendor schema ref; ConstraintViolation.location null is a listed difference. */
  function bodyProblems(ref, text, headers, used) {
    if (!jsonType(headers)) return [`content-type ${headers?.['content-type'] ?? '(none)'} is not the vendor's application/json`];
    const { value, invalid } = parse(text ?? '');
    if (invalid) return ['the body is not JSON'];
    const validate = validatorFor(ref);
    if (validate(value)) return [];
    const problems = [];
    for (const e of validate.errors) {
      if (e.instancePath.startsWith('/dashboardMetadata/dynamicFilters')) {
        used.add('dynamic-filters-as-sent');
        continue;
      }
      if (/^\/error\/constraintViolations\/\d+\/location$/.test(e.instancePath) && e.keyword === 'type') {
        const location = e.instancePath.split('/').slice(1).reduce((n, k) => n?.[k], value);
        if (location === null) {
          used.add('location-null');
          continue;
        }
      }
      problems.push(`${e.instancePath || '(root)'} ${e.message}`);
    }
    return problems;
  }

  function judge(r, responseText) {
    if (r.vendor !== 'desk' || r.status === null || r.dropped || r.answeredBy === 'node-parser') return;
    if (responseText === null && r.responseTextBytes > 0) return;
    counts.judged++;
    const used = new Set();
    const problems = [];
    // A HEAD answer has no body to judge; its status is.
    const envelope = () => r.method === 'HEAD' || problems.push(...bodyProblems('#/components/schemas/ErrorEnvelope', responseText, r.responseHeaders, used));
    const theirs = r.operationId ? VENDOR_OPERATION[r.operationId] : undefined;
    if (r.fault) {
      used.add('injected-fault');
      if (responseText) envelope();
    } else if (!r.operationId) {
      used.add('routing-answer');
      envelope();
    } else if (!theirs) {
      used.add('not-a-vendor-operation');
      envelope();
    } else {
      const { op } = vendorOps.get(theirs);
      const declared = op.responses[String(r.status)];
      if (declared) {
        produced.set(`${theirs} ${r.status}`, produced.get(`${theirs} ${r.status}`) + 1);
        const content = declared.content ? Object.values(declared.content)[0] : undefined;
        if (content && r.method !== 'HEAD') problems.push(...bodyProblems(content.schema.$ref, responseText, r.responseHeaders, used));
        else if (responseText && r.method !== 'HEAD') problems.push(`the vendor declares no body for ${r.status}, the emulator sent ${responseText.length} characters`);
      } else if (DIFFERENCES[`undeclared-${r.status}`]) {
        used.add(`undeclared-${r.status}`);
        envelope();
      } else {
        problems.push(`status ${r.status} is not declared by the vendor for ${theirs} and is not a listed difference`);
      }
    }
    if (used.size === 0 && problems.length === 0) counts.asDeclared++;
    for (const d of used) differences.set(d, differences.get(d) + 1);
    if (problems.length > 0) {
      mismatches.push(`${r.method} ${r.path}${r.query ? `?${r.query.slice(0, 80)}` : ''} -> ${r.status} [${r.operationId ?? '-'} = vendor ${theirs ?? '-'}] (${r.source ?? '?'}: ${r.test ?? '?'}): ${problems.slice(0, 5).join('; ')}`);
    }
  }

  /** The report's lines and whether the run passes (mismatches, and with coverage: a declared response never produced). */
  function report({ requireCoverage = true } = {}) {
    const missing = [...produced].filter(([, n]) => n === 0).map(([k]) => k);
    const lines = [
      `desk vendor spec (${vendor.info?.title ?? 'vendor OpenAPI'}, ${specPath.split('/').pop()}): ${counts.judged} DESK exchanges judged, ` +
        `${counts.asDeclared} exactly as the vendor declares, ${counts.judged - counts.asDeclared - mismatches.length} through a listed difference, ` +
        `${mismatches.length} mismatches; vendor-declared responses produced: ${produced.size - missing.length}/${produced.size}`,
    ];
    for (const [key, n] of differences) lines.push(`  ${String(n).padStart(6)}  ${key}: ${DIFFERENCES[key]}`);
    for (const m of mismatches.slice(0, 50)) lines.push(`  VENDOR MISMATCH ${m}`);
    if (mismatches.length > 50) lines.push(`  ... and ${mismatches.length - 50} more`);
    if (requireCoverage) for (const m of missing) lines.push(`  VENDOR RESPONSE NEVER PRODUCED ${m}`);
    return { lines, ok: mismatches.length === 0 && (!requireCoverage || missing.length === 0), mismatches: mismatches.length, missing };
  }

  return { judge, report };
}

// Alone: judge one run folder (records inline or in bodies/<sha256>.txt).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir || !existsSync(dir)) {
    console.error('usage: node scripts/desk-vendor-judge.mjs RUN_FOLDER [--no-coverage]');
    process.exit(2);
  }
  const judge = createDeskVendorJudge();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line);
      const text = r.responseText ?? (r.responseTextRef ? readFileSync(join(dir, 'bodies', `${r.responseTextRef}.txt`), 'utf8') : null);
      judge.judge(r, text);
    }
  }
  const { lines, ok } = judge.report({ requireCoverage: !args.includes('--no-coverage') });
  console.log(lines.join('\n'));
  process.exit(ok ? 0 : 1);
}
