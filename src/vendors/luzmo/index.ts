// Luzmo Core API: the `share` resource and what a share flow touches (`securable` dashboards, `locale`, `user`),
// one RPC path each (/0.1.0/<resource>), the operation chosen by `action` in the JSON body whatever the HTTP
// method, credentials and version in the body. Sources and reasoning: RESEARCH.md beside this file.
//
// Assumptions [A], where no public source settles the behaviour (also listed in the README):
//  1. `update` (and any other action) answers 400 `Action '<action>' not found`; a missing action reads 'undefined'.
//  2. associate and dissociate return {"code":200}.
//  3. Roles: Securables/Securable (a dashboard) and Locales/Locale; a manual Users/User association is refused
//     (400, the creator link is automatic); any other role is a 400.
//  4. A locale: once the share has a dashboard, only that dashboard's owner may set or remove it; before that,
//     the share's owner may (Node SDK 2.1.1 sends a create's association LINKs in parallel, so the locale can
//     arrive first). LUZMO_LOCALE_REQUIRES_DASHBOARD=true makes a locale without a dashboard a 400 instead.
//  5. delete: the caller must own the linked dashboard, or the share when it has none.
//  6. Unknown share, dashboard or locale: 404; not allowed: 403; dissociating something not associated: 404.
//  7. Auth failures are 401 `Missing API key or token.` / `Invalid API key or token.`; a body `version` that
//     differs from the path (or is missing) is a 400.
//  8. Schema violations: 400 with a `validation` map (field -> messages); malformed JSON: 400; a non-JSON
//     Content-Type: 415.
//  9. Inline `associations` on create are applied dashboards first; if one fails, nothing is created. `{}` means none.
// 10. `get` includes come back under singular keys (`securable`, `locale`, `user`), null when not linked; the
//     `find` supports where (equality, `in`), attributes, order, limit, offset, include; anything else is a 400.
// 11. get returns the shares the caller created plus those whose dashboard the caller owns or may read.
// 12. JSON nesting up to 1,000 levels (Node's JSON.parse has no limit; this is the emulator's storable maximum);
//     deeper is a 400. A rejected body names its first violation in the message (core VIOLATION_LIMITS).
// 13. securable: dashboards only (a create with another `type` is a 400); the fields are id, type, name,
//     description, created_at, updated_at; `get` lists what the caller owns or may read; update and delete are
//     the owner's (403 for a reader, 404 for a dashboard the caller may not read). Deleting a dashboard deletes
//     the shares that point at it. `include: [{model: 'Share'}]` lists its shares under `shares`. Unknown
//     properties are ignored. delete answers {"code":200}.
// 14. locale and user: `get` only (other actions: rule 1). Every logged-in user lists every locale and every
//     user of its organization (the emulator holds one): id, name, email, never credentials.
// 15. Rate limit (only with RATE_LIMITS): counted per key/token pair (rate-limit.ts); the 429 carries Retry-After
//     in seconds, which the guide does not mention.
import { STORABLE_JSON_DEPTH } from '../../core/http/json-text';
import { defineVendor } from '../../core/vendor';
import type { LuzmoPrincipal } from './auth';
import { authenticateLuzmo } from './auth';
import { renderLuzmoError } from './errors';
import { directoryHandlers } from './directory';
import { luzmoHandlers } from './handlers';
import { luzmoRateLimit } from './rate-limit';
import { securableHandlers } from './securables';
import type { LuzmoSettings } from './settings';
import { luzmoSettingDescriptors, luzmoSettingsDefaults } from './settings';
import type { LuzmoState } from './state';
import { createLuzmoState, exportLuzmoState } from './state';

export const luzmo = defineVendor<LuzmoState, LuzmoState, LuzmoPrincipal, LuzmoSettings>({
  name: 'luzmo',
  title: 'Luzmo Core API (share, securable, locale, user)',
  specFile: 'luzmo.openapi.yaml',
  stateSchema: 'LuzmoState',
  // Any /x.y.z/ API version is Luzmo's, so an unknown version or resource gets Luzmo's own 404.
  claims: [/^\/\d+\.\d+\.\d+(?:\/|$)/],
  // [A] a Node.js service's JSON.parse has no nesting limit of its own: the emulator's storable maximum.
  bodyParsing: { coerceTypes: false, nullAsAbsent: 'top', maxJsonDepth: STORABLE_JSON_DEPTH },
  // The SDKs send SEARCH, LINK and UNLINK, and the Python/Java ones POST with X-HTTP-Method-Override.
  cors: { methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'SEARCH', 'LINK', 'UNLINK'], requestHeaders: ['Content-Type', 'X-HTTP-Method-Override'], exposedHeaders: [] },
  settings: { defaults: luzmoSettingsDefaults, descriptors: luzmoSettingDescriptors },
  createState: (document, services) => createLuzmoState(document, services.clock.now()),
  exportState: exportLuzmoState,
  countRecords: (state) => ({ users: state.users.size, dashboards: state.dashboards.size, locales: state.locales.size, shares: state.shares.size }),
  authenticate: (request, state) => authenticateLuzmo(request, state),
  handlers: { ...luzmoHandlers, ...securableHandlers, ...directoryHandlers },
  renderError: (error) => renderLuzmoError(error),
  rateLimit: luzmoRateLimit,
  credentials: { headers: [], query: [], bodyFields: ['key', 'token'] },
  jsonContentType: 'application/json; charset=utf-8',
});
