// EnergyCAP API v3: dashboard sharing (GetDashboardShareV3, EditDashboardShareV3) and the dashboards, users
// and user groups it refers to, with the role permission rules of the operation summaries.
//
// Assumptions [A], where no public source settles the behaviour (also listed in the README):
//  1. Every 4xx/5xx body is {"message": "<text>"} (application/json); texts without a sample are ASP.NET Web
//     API defaults (401 `Authorization has been denied for this request.`, unknown route, 405, 415).
//  2. Missing or unknown credential: 401. A bad ECI-ApiKey fails even with a good bearer token (the key wins).
//  3. A dashboard the caller may not read: 404 (`The requested resource was not found. ...`).
//  4. Readable but not shareable: 403; ENERGYCAP_DENY_STATUS=401 switches it (the vendor documents 401 for
//     "owner lacks permission"). The same status answers the users/user-group permission checks.
//  5. PUT share replaces the whole state; all three fields required (null or missing: 400).
//  6. sharedWithEveryone:true with a non-empty list: 400 (ENERGYCAP_SHARE_EVERYONE_LISTS=lenient ignores the lists).
//  7. An unknown user or group id in a share: 400. Duplicates removed, lists ordered by id.
//  8. Paths and JSON property names match case-insensitively (ASP.NET); no type coercion (so null stays a 400).
//  9. GET /api/v3/userGroup (list) exists; users and user groups need UsersAndUserGroups View (a user may read
//     their own user record).
// 10. POST /dashboard: any caller may create; `public: true` needs PublicDashboardsOrMaps Manage and gets a key.
//     `visible` = created by or shared with the caller; `lastViewed` is null.
// 11. Filter: createdBy (integer operators), shared and visible (equals only); other fields and operators: 400.
// 12. JSON nesting up to 1,000 levels (no public figure; the emulator's storable maximum); deeper is a 400.
//     A rejected body names its first violation in the message (core VIOLATION_LIMITS).
// 13. Rate limit (only with RATE_LIMITS; rate-limit.ts): no public figure, so 10 calls a second with bursts of
//     100, counted per user; the 429 is `{"message"}` with Retry-After (seconds).
import { STORABLE_JSON_DEPTH } from '../../core/http/json-text';
import { defineVendor } from '../../core/vendor';
import type { EnergycapPrincipal } from './auth';
import { authenticateEnergycap } from './auth';
import { renderEnergycapError } from './errors';
import { energycapRateLimit } from './rate-limit';
import { energycapHandlers } from './handlers';
import type { EnergycapSettings } from './settings';
import { energycapSettingDescriptors, energycapSettingsDefaults } from './settings';
import type { EnergycapState } from './state';
import { createEnergycapState, exportEnergycapState } from './state';

export const energycap = defineVendor<EnergycapState, EnergycapState, EnergycapPrincipal, EnergycapSettings>({
  name: 'energycap',
  title: 'EnergyCAP API v3 (dashboard sharing, users, user groups)',
  specFile: 'energycap.openapi.yaml',
  stateSchema: 'EnergycapState',
  // Every /api/v<version>/ path is EnergyCAP's (date-versioned ones included), answered in its own envelope.
  claims: [/^\/api\/v\d+(?:\/|$)/i],
  caseInsensitivePaths: true,
  // [A] no public figure for the nesting limit: the emulator's storable maximum.
  bodyParsing: { coerceTypes: false, nullAsAbsent: false, caseInsensitiveProperties: true, maxJsonDepth: STORABLE_JSON_DEPTH },
  cors: {
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    requestHeaders: ['ECI-ApiKey', 'Authorization', 'Content-Type'],
    exposedHeaders: ['PageNumber', 'PageSize', 'TotalNumberOfRecords', 'TotalPages'],
  },
  settings: { defaults: energycapSettingsDefaults, descriptors: energycapSettingDescriptors },
  createState: (document, services) => createEnergycapState(document, services.clock.now()),
  exportState: exportEnergycapState,
  countRecords: (state) => ({ users: state.users.size, userGroups: state.groups.size, dashboards: state.dashboards.size }),
  authenticate: (request, state) => authenticateEnergycap(request, state),
  handlers: energycapHandlers,
  renderError: (error) => renderEnergycapError(error),
  rateLimit: energycapRateLimit,
  credentials: { headers: ['authorization', 'eci-apikey'], query: [], bodyFields: [] },
  jsonContentType: 'application/json; charset=utf-8',
});
