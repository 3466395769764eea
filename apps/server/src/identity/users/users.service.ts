import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { UserError } from '../../common/errors/user.error';
import { uuidv7 } from '../../common/uuid7';
import { AccessService } from '../access.service';
import { ADMIN_ROLE, type Actor } from '../actor';
import { hashPassword, verifyPassword } from '../auth/password.hash';
import { SessionRepository } from '../auth/session.repository';
import { conflict, forbidden, notFound } from '../identity.errors';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { isUuid } from '../../common/uuid';
import { toUserSummary, type UserRecord, type UserSummary } from './user';
import { UserRepository, type UserListFilter } from './user.repository';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  orgUnitId: string | null;
  roles: string[];
  locale: 'zh-CN' | 'en';
}

export interface UserPatch {
  displayName?: string;
  orgUnitId?: string | null;
  locale?: 'zh-CN' | 'en';
}

export interface UserPage {
  items: UserSummary[];
  nextCursor: string | null;
}

/** User administration: accounts, placement in the org tree, roles, disabling, passwords. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly units: OrgUnitRepository,
    private readonly sessions: SessionRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async list(filter: Omit<UserListFilter, 'after'> & { cursor?: string }): Promise<UserPage> {
    const after = filter.cursor ? Buffer.from(filter.cursor, 'base64url').toString('utf8') : undefined;
    if (after !== undefined && !isUuid(after)) {
      throw new UserError({ status: 400, code: 'query-invalid', title: 'The query is not valid', errors: [{ path: '/cursor', code: 'query.invalid', message: 'cursor is not one this API returned' }] });
    }
    const rows = await this.users.list({ ...filter, after, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((u) => toUserSummary(u)),
      nextCursor: rows.length > filter.limit ? Buffer.from(page[page.length - 1].id, 'utf8').toString('base64url') : null,
    };
  }

  async get(id: string): Promise<UserSummary> {
    return toUserSummary(await this.load(id));
  }

  async create(actor: Actor, input: NewUserInput): Promise<UserSummary> {
    await this.checkRoles(actor, [], input.roles);
    if (input.orgUnitId) await this.checkUnit(input.orgUnitId, '/orgUnitId');
    const id = uuidv7();
    const passwordHash = await hashPassword(input.password);
    await this.dataSource.transaction(async (m) => {
      const created = await this.users.insert({ id, username: input.username, displayName: input.displayName, passwordHash, orgUnitId: input.orgUnitId, locale: input.locale }, input.roles, m);
      if (!created) throw conflict('username-taken', `The username ${input.username} is taken`, [{ path: '/username', code: 'unique', message: 'already in use (usernames ignore case)' }]);
      await this.audit.record({ action: 'user.created', target: { type: 'user', id }, details: { username: input.username, orgUnitId: input.orgUnitId, roles: input.roles } }, m);
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, patch: UserPatch): Promise<UserSummary> {
    const before = await this.load(id);
    if (patch.orgUnitId) await this.checkUnit(patch.orgUnitId, '/orgUnitId');
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => v !== undefined && v !== before[k as keyof UserRecord]),
    ) as UserPatch;
    if (Object.keys(changes).length > 0) {
      await this.dataSource.transaction(async (m) => {
        await this.users.update(id, changes, m);
        await this.audit.record({ action: 'user.updated', target: { type: 'user', id }, details: { changes } }, m);
      });
    }
    return this.get(id);
  }

  /** Replaces the user's roles. Granting or taking away `admin` takes an administrator. */
  async setRoles(actor: Actor, id: string, roles: string[]): Promise<UserSummary> {
    const before = await this.load(id);
    await this.checkRoles(actor, before.roles, roles);
    const added = roles.filter((r) => !before.roles.includes(r));
    const removed = before.roles.filter((r) => !roles.includes(r));
    if (added.length + removed.length > 0) {
      await this.dataSource.transaction(async (m) => {
        if (removed.includes(ADMIN_ROLE)) await this.keepAnAdmin(id, m);
        await this.users.setRoles(id, roles, m);
        await this.audit.record({ action: 'user.roles_changed', target: { type: 'user', id }, details: { before: before.roles, after: roles, added, removed } }, m);
      });
    }
    return this.get(id);
  }

  /** Signs the user out everywhere and refuses new sign-ins; their records stay as they are. */
  async disable(actor: Actor, id: string): Promise<UserSummary> {
    const user = await this.load(id);
    if (id === actor.userId) throw conflict('cannot-disable-self', 'You cannot disable yourself');
    if (!user.disabledAt) {
      await this.dataSource.transaction(async (m) => {
        if (user.roles.includes(ADMIN_ROLE)) await this.keepAnAdmin(id, m);
        await this.users.setDisabled(id, true, m);
        const sessions = await this.sessions.revokeSessionsOf(id, 'disabled', m);
        await this.audit.record({ action: 'user.disabled', target: { type: 'user', id }, details: { username: user.username, sessionsEnded: sessions } }, m);
      });
    }
    return this.get(id);
  }

  /** Lets the user sign in again (and lifts a lockout). */
  async enable(_actor: Actor, id: string): Promise<UserSummary> {
    const user = await this.load(id);
    await this.dataSource.transaction(async (m) => {
      await this.users.setDisabled(id, false, m);
      await this.audit.record({ action: 'user.enabled', target: { type: 'user', id }, details: { username: user.username, wasDisabled: user.disabledAt !== null } }, m);
    });
    return this.get(id);
  }

  /** Sets a new password, lifts a lockout and ends every session of the user. */
  async resetPassword(_actor: Actor, id: string, password: string): Promise<UserSummary> {
    const user = await this.load(id);
    const hash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      await this.users.setPassword(id, hash, m);
      const sessions = await this.sessions.revokeSessionsOf(id, 'password_reset', m);
      await this.audit.record({ action: 'user.password_reset', target: { type: 'user', id }, details: { username: user.username, sessionsEnded: sessions } }, m);
    });
    return this.get(id);
  }

  /** A signed-in user replaces their own password (needs the current one); every session of theirs ends. */
  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    if (actor.kind !== 'user') throw forbidden('Only a signed-in user can change their password', 'user-only');
    const stored = await this.users.passwordHashOf(actor.userId);
    if (!stored || !(await verifyPassword(currentPassword, stored))) {
      throw new UserError({ status: 403, code: 'password-wrong', title: 'The current password is wrong', errors: [{ path: '/currentPassword', code: 'password.wrong', message: 'does not match' }] });
    }
    const hash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (m) => {
      await this.users.setPassword(actor.userId, hash, m);
      await this.sessions.revokeSessionsOf(actor.userId, 'password_changed', m);
      await this.audit.record({ action: 'user.password_changed', target: { type: 'user', id: actor.userId } }, m);
    });
  }

  private async load(id: string): Promise<UserRecord> {
    const user = isUuid(id) ? await this.users.findById(id) : null;
    if (!user) throw notFound('user', id);
    return user;
  }

  private async checkUnit(id: string, path: string): Promise<void> {
    if (!(await this.units.findById(id))) throw new UserError({ code: 'org-unit-unknown', title: 'No such org unit', errors: [{ path, code: 'exists', message: `no org unit ${id}` }] });
  }

  /** Every new role must be published (or `admin`); changing `admin` either way takes an admin. */
  private async checkRoles(actor: Actor, before: readonly string[], after: readonly string[]): Promise<void> {
    const known = new Set((await this.access.grantableRoles()).map((r) => r.key));
    const errors = after
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => !known.has(r) && !before.includes(r))
      .map(({ r, i }) => ({ path: `/roles/${i}`, code: 'role.unknown', message: `no published role ${r}` }));
    if (errors.length > 0) throw new UserError({ code: 'role-unknown', title: 'Unknown role', errors });
    if (before.includes(ADMIN_ROLE) !== after.includes(ADMIN_ROLE) && !actor.isAdmin) throw forbidden('Only administrators can grant or take away the admin role', 'admin-only');
  }

  /** Refuses to leave the platform without an enabled administrator. */
  private async keepAnAdmin(losingId: string, m: EntityManager): Promise<void> {
    if ((await this.users.countOthersWithRole(ADMIN_ROLE, losingId, m)) === 0) {
      throw conflict('last-admin', 'This is the last enabled administrator; make someone else admin first');
    }
  }
}
