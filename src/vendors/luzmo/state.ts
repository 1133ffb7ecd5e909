// Luzmo state: one organisation with its users (and their key/token pairs), dashboards (securables with
// an owner and readers), locales and shares. Shares point to a dashboard and a locale by id.
import { StateDocumentError } from '../../core/state-document';

export interface LuzmoUser {
  id: string;
  name: string;
  email: string;
  credentials: { key: string; token: string }[];
}

export interface LuzmoDashboard {
  id: string;
  name: Record<string, string>;
  description: Record<string, string>;
  created_at: string;
  updated_at: string;
  ownerId: string;
  readerIds: Set<string>;
}

export interface LuzmoLocale {
  id: string;
  name: string;
}

export interface ShareRecord {
  id: string;
  date: string;
  created_at: string;
  updated_at: string;
  locale_id: string | null;
  securable_id: string | null;
  user_id: string;
}

export interface LuzmoState {
  users: Map<string, LuzmoUser>;
  /** `key\u0000token` -> user id. */
  credentials: Map<string, string>;
  dashboards: Map<string, LuzmoDashboard>;
  locales: Map<string, LuzmoLocale>;
  shares: Map<string, ShareRecord>;
}

/** specs/emulator.openapi.yaml#/components/schemas/LuzmoState, already schema-checked. */
interface LuzmoStateDocument {
  users: { id: string; name?: string; email?: string; credentials: { key: string; token: string }[] }[];
  dashboards?: {
    id: string;
    name?: Record<string, string>;
    description?: Record<string, string>;
    created_at?: string;
    updated_at?: string;
    ownerId: string;
    readerIds?: string[];
  }[];
  locales?: { id: string; name?: string }[];
  shares?: (Partial<ShareRecord> & { id: string; user_id: string })[];
}

export const SHARE_FIELDS = ['id', 'date', 'created_at', 'updated_at', 'locale_id', 'securable_id', 'user_id'] as const;
export type ShareField = (typeof SHARE_FIELDS)[number];

/** A dashboard as the `securable` resource (and a share's Securable include) shows it. */
export const SECURABLE_FIELDS = ['id', 'type', 'name', 'description', 'created_at', 'updated_at'] as const;
export type SecurableField = (typeof SECURABLE_FIELDS)[number];
export type SecurableView = Record<SecurableField, unknown>;

export function securableView(d: LuzmoDashboard): SecurableView {
  return { id: d.id, type: 'dashboard', name: { ...d.name }, description: { ...d.description }, created_at: d.created_at, updated_at: d.updated_at };
}

export function credentialKey(key: string, token: string): string {
  return `${key}\u0000${token}`;
}

export function createLuzmoState(raw: unknown, now: Date): LuzmoState {
  const doc = raw as LuzmoStateDocument;
  const problems: string[] = [];
  const users = new Map<string, LuzmoUser>();
  const credentials = new Map<string, string>();
  for (const u of doc.users) {
    if (users.has(u.id)) problems.push(`user ${u.id} is listed twice`);
    users.set(u.id, { id: u.id, name: u.name ?? u.id, email: u.email ?? '', credentials: u.credentials.map((c) => ({ ...c })) });
    for (const c of u.credentials) {
      if (credentials.has(credentialKey(c.key, c.token))) problems.push(`the key/token pair with key ${c.key} is listed twice`);
      credentials.set(credentialKey(c.key, c.token), u.id);
    }
  }
  const stamp = now.toISOString();
  const dashboards = new Map<string, LuzmoDashboard>();
  for (const d of doc.dashboards ?? []) {
    if (dashboards.has(d.id)) problems.push(`dashboard ${d.id} is listed twice`);
    if (!users.has(d.ownerId)) problems.push(`dashboard ${d.id}: owner ${d.ownerId} is not a user`);
    for (const r of d.readerIds ?? []) if (!users.has(r)) problems.push(`dashboard ${d.id}: reader ${r} is not a user`);
    const created = d.created_at ?? stamp;
    dashboards.set(d.id, {
      id: d.id,
      name: { ...(d.name ?? { en: d.id }) },
      description: { ...d.description },
      created_at: created,
      updated_at: d.updated_at ?? created,
      ownerId: d.ownerId,
      readerIds: new Set(d.readerIds ?? []),
    });
  }
  const locales = new Map<string, LuzmoLocale>();
  for (const l of doc.locales ?? []) {
    if (locales.has(l.id)) problems.push(`locale ${l.id} is listed twice`);
    locales.set(l.id, { id: l.id, name: l.name ?? l.id });
  }
  const shares = new Map<string, ShareRecord>();
  for (const s of doc.shares ?? []) {
    if (shares.has(s.id)) problems.push(`share ${s.id} is listed twice`);
    if (!users.has(s.user_id)) problems.push(`share ${s.id}: user_id ${s.user_id} is not a user`);
    if (s.securable_id && !dashboards.has(s.securable_id)) problems.push(`share ${s.id}: securable_id ${s.securable_id} is not a dashboard`);
    if (s.locale_id && !locales.has(s.locale_id)) problems.push(`share ${s.id}: locale_id ${s.locale_id} is not a locale`);
    const created = s.created_at ?? stamp;
    shares.set(s.id, {
      id: s.id,
      date: s.date ?? created,
      created_at: created,
      updated_at: s.updated_at ?? created,
      locale_id: s.locale_id ?? null,
      securable_id: s.securable_id ?? null,
      user_id: s.user_id,
    });
  }
  if (problems.length > 0) throw new StateDocumentError('luzmo', problems);
  return { users, credentials, dashboards, locales, shares };
}

export function exportLuzmoState(state: LuzmoState): LuzmoStateDocument {
  return {
    users: [...state.users.values()].map((u) => ({ id: u.id, name: u.name, email: u.email, credentials: u.credentials.map((c) => ({ ...c })) })),
    dashboards: [...state.dashboards.values()].map((d) => ({
      id: d.id,
      name: { ...d.name },
      description: { ...d.description },
      created_at: d.created_at,
      updated_at: d.updated_at,
      ownerId: d.ownerId,
      readerIds: [...d.readerIds],
    })),
    locales: [...state.locales.values()].map((l) => ({ ...l })),
    shares: [...state.shares.values()].map((s) => ({ ...s })),
  };
}

/** Owners and readers may read a dashboard. */
export function canRead(dashboard: LuzmoDashboard | undefined, userId: string): boolean {
  return dashboard !== undefined && (dashboard.ownerId === userId || dashboard.readerIds.has(userId));
}
