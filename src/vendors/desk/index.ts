// DESK (public docs: Dynatrace) Configuration API v1: dashboards and their share settings, served on the
// SaaS paths (/api/config/v1, the default environment) and the Managed paths (/e/{environmentId}/...).
//
// Assumptions [A], where no public source settles the behaviour (also listed in the README):
//  1. PUT shareSettings: the body `id` must equal the path id (PAYLOAD_BODY violation at `id`).
//  2. USER and GROUP permissions need an `id` (`may not be null`); ALL permissions must not have one.
//  3. publicAccess.urls is ignored on input, whatever its value (readOnly in the spec); one link per zone id, `<uiBaseUrl>/e/<env>/dashboards/<id>?auth=<21
//     URL-safe chars>`, stable while the zone stays listed, new when it is removed and re-added.
//  4. managementZoneIds is a set: duplicates collapse, first occurrence kept.
//  5. Lenient reading as the vendor's JSON mapper does: string booleans ("true"), unknown fields ignored,
//     null fields treated as absent, a body (even `null`) on a GET ignored.
//  6. PUT shareSettings replaces everything: `enabled` and `preset` absent mean false.
//  7. PUT /dashboards/{id}: dashboardMetadata.shared/preset, when present, write the share settings'
//     enabled/preset; absent, they keep their values. POST with an `id` in the body: violation `must be null`.
//  8. A body id that differs from the path on PUT /dashboards/{id} (and its validator): PAYLOAD_BODY violation.
//  9. An Authorization header of another scheme (e.g. Bearer) is an unknown token: 401 Token Authentication failed.
// 10. Errors without a public sample: unknown path 404 `HTTP 404 Not Found`, 405 `HTTP 405 Method Not Allowed`
//     (with Allow), 415 for a non-JSON Content-Type, 413 over the 1 MB payload limit, all in the ErrorEnvelope.
// 11. GET shareSettings of an unknown dashboard: 404 `Dashboard <id> not found`, as GET /dashboards/{id}.
// 12. A rejected body lists at most 100 constraintViolations; a body of more than 10,000 JSON values lists
//     only the first violation found (core VIOLATION_LIMITS). A mapping error (wrong type, unknown enum
//     constant) names the first one in the text among those found.
// 13. The token is also read from the query parameter `Api-Token` (the scheme's spelling, sent by scripts
//     that work against the real API, e.g. keptn-in-a-box), after the documented `api-token`.
// 14. A path without `/e/{env}` (a client that resolves `/api/...` against a Managed base drops the prefix)
//     reaches the default environment, as on a SaaS host: another environment's token there is unknown (401).
// 15. Presets (preset.ts): a preset dashboard is shared with all users (enabled, an ALL/VIEW permission added
//     when it has no ALL one);
//     a share PUT (or its validator) that keeps it a preset is refused with 400 `Sharing settings of a preset
//     can't be updated. It's shared by default`; one with `preset: false` un-presets it and is stored.
// 16. Dashboard migration (PUT /dashboards/{id}/migrate, GET /dashboards/migrateAll) is outside the emulated
//     surface: 501 `Dashboard migration is not emulated`, after authentication and the path check.
// 17. Rate limit (only with RATE_LIMITS; rate-limit.ts): no public figure, so 50 calls a second with bursts of
//     100, counted per API token; the 429 carries Retry-After (seconds) and the documented X-RateLimit-* headers.
import { defineVendor } from '../../core/vendor';
import type { DeskPrincipal } from './auth';
import { authenticateDesk } from './auth';
import { renderDeskError } from './errors';
import { deskHandlers } from './handlers';
import { deskRateLimit } from './rate-limit';
import type { DeskSettings } from './settings';
import { deskSettingsDefaults } from './settings';
import type { DeskEnvironment, DeskState } from './state';
import { createDeskState, exportDeskState } from './state';

const MIGRATION_NOT_EMULATED = 'Dashboard migration is not emulated';

export const desk = defineVendor<DeskState, DeskEnvironment, DeskPrincipal, DeskSettings>({
  name: 'desk',
  title: 'DESK Configuration API v1 (dashboards, shareSettings)',
  specFile: 'desk.openapi.yaml',
  stateSchema: 'DeskState',
  // Jackson's default nesting limit (StreamReadConstraints).
  bodyParsing: { coerceTypes: true, nullAsAbsent: 'deep', maxJsonDepth: 1000 },
  cors: { methods: ['GET', 'POST', 'PUT', 'DELETE'], requestHeaders: ['Authorization', 'Content-Type'], exposedHeaders: [] },
  settings: { defaults: deskSettingsDefaults, descriptors: [] },
  createState: (document, services) => createDeskState(document, services.random),
  exportState: exportDeskState,
  countRecords: (state) => ({ environments: state.environments.size, dashboards: [...state.environments.values()].reduce((n, env) => n + env.dashboards.size, 0) }),
  authenticate: (request, state) => authenticateDesk(request, state),
  handlers: deskHandlers,
  renderError: (error, request) => renderDeskError(error, request),
  rateLimit: deskRateLimit,
  notImplemented: { migrateDashboard: MIGRATION_NOT_EMULATED, migrateAllDashboards: MIGRATION_NOT_EMULATED },
  credentials: { headers: ['authorization'], query: ['api-token', 'Api-Token'], bodyFields: [] },
  jsonContentType: 'application/json;charset=utf-8',
});
