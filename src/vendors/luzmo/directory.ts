// The `locale` and `user` resources, read-only: every logged-in user may list the locales and the users of
// its own organization (the emulator holds one organization, so every user) [A].
import type { Handler } from '../../core/vendor';
import type { LuzmoPrincipal } from './auth';
import type { EntityFields, FindBase } from './find';
import { pickAttributes, search } from './find';
import type { LuzmoSettings } from './settings';
import type { LuzmoState } from './state';

type LuzmoHandler = Handler<LuzmoState, LuzmoPrincipal, LuzmoSettings>;

const LOCALE_ENTITY: EntityFields<'id' | 'name'> = { entity: 'locale', fields: ['id', 'name'] };
const USER_ENTITY: EntityFields<'id' | 'name' | 'email'> = { entity: 'user', fields: ['id', 'name', 'email'] };

const searchLocale: LuzmoHandler = (ctx) => {
  const find: FindBase = (ctx.input.body as { find?: FindBase }).find ?? {};
  const locales = [...ctx.store.locales.values()].map((l) => ({ id: l.id, name: l.name }));
  return { status: 200, body: search(LOCALE_ENTITY, locales, find, (l) => pickAttributes(LOCALE_ENTITY, l, find.attributes)) };
};

/** Organization members see each other (searchOrganization: "a user can't list users from another organization"); never credentials. */
const searchUser: LuzmoHandler = (ctx) => {
  const find: FindBase = (ctx.input.body as { find?: FindBase }).find ?? {};
  const users = [...ctx.store.users.values()].map((u) => ({ id: u.id, name: u.name, email: u.email }));
  return { status: 200, body: search(USER_ENTITY, users, find, (u) => pickAttributes(USER_ENTITY, u, find.attributes)) };
};

export const directoryHandlers: Readonly<Record<string, LuzmoHandler>> = { searchLocale, searchUser };
