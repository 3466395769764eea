/**
 * Who is making a request, as every service sees it. Built by the auth guard from
 * the database on each request, so a disabled user or a changed role takes effect
 * at once.
 */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  userId: string;
  username: string;
  orgUnitId: string | null;
  /** Role keys. For an API key: the key's roles that its user still holds. */
  roles: string[];
  /** Holds the built-in `admin` role: every action on every object, every admin API. */
  isAdmin: boolean;
  locale: 'zh-CN' | 'en';
  /** Set when kind is 'api_key'. */
  apiKeyId?: string;
}

/** The built-in role of administrators; not defined in metadata, always granted everything. */
export const ADMIN_ROLE = 'admin';

export const ADMIN_ROLE_LABEL = { 'zh-CN': '系统管理员', en: 'Administrator' };

/** The platform itself acting (automations, timers): an administrator that is nobody. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: 'system',
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  orgUnitId: null,
  roles: [ADMIN_ROLE],
  isAdmin: true,
  locale: 'zh-CN',
}) as Actor;
