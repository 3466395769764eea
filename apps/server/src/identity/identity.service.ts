import { Injectable } from '@nestjs/common';
import { UserError } from '../common/errors/user.error';
import { ADMIN_ROLE, type Actor } from './actor';
import type { OrgUnitRecord } from './org-units/org-unit';
import { OrgUnitRepository } from './org-units/org-unit.repository';
import { toUserSummary, type UserRecord, type UserSummary } from './users/user';
import { UserRepository } from './users/user.repository';
import { isUuid } from '../common/uuid';

/**
 * Who is who and where: users, their units and managers, for records, approvals,
 * automations and notifications. Read-only; the admin API changes these.
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly users: UserRepository,
    private readonly units: OrgUnitRepository,
  ) {}

  async user(id: string): Promise<UserSummary | null> {
    const user = isUuid(id) ? await this.users.findById(id) : null;
    return user && toUserSummary(user);
  }

  /** The user with this login name, or null (principals of kind user name users by login). */
  async userByLogin(username: string): Promise<UserSummary | null> {
    const user = await this.users.findByUsername(username);
    return user && toUserSummary(user);
  }

  /** The users among `ids` that exist, in id order. */
  async usersByIds(ids: readonly string[]): Promise<UserSummary[]> {
    return (await this.users.findByIds([...new Set(ids)].filter(isUuid))).map((u) => toUserSummary(u));
  }

  /** The user's org unit id (null: placed in none). Throws 422 `user-unknown` for no such user. */
  async unitOf(userId: string): Promise<string | null> {
    const user = isUuid(userId) ? await this.users.findById(userId) : null;
    if (!user) throw new UserError({ code: 'user-unknown', title: 'No such user', detail: `No user ${userId}` });
    return user.orgUnitId;
  }

  /** Unit ids from `unitId` up to the root: self, parent, grandparent... Empty for no such unit. */
  async unitChain(unitId: string): Promise<string[]> {
    return isUuid(unitId) ? (await this.units.chain(unitId)).map((u) => u.id) : [];
  }

  /** `unitId` and the ids of every unit below it. Empty for no such unit. */
  async descendants(unitId: string): Promise<string[]> {
    return isUuid(unitId) ? this.units.descendantIds(unitId) : [];
  }

  async unit(id: string): Promise<OrgUnitRecord | null> {
    return isUuid(id) ? this.units.findById(id) : null;
  }

  /**
   * The user id of the user's manager: the manager of their unit or, when they manage
   * it themselves (or it has none, or the manager is disabled), of the nearest unit
   * above that has one. Null when nobody up the chain qualifies.
   */
  async managerOf(userId: string): Promise<string | null> {
    const user = isUuid(userId) ? await this.users.findById(userId) : null;
    if (!user?.orgUnitId) return null;
    const chain = await this.units.chain(user.orgUnitId);
    const candidates = [...new Set(chain.map((u) => u.managerUserId).filter((m): m is string => m !== null && m !== userId))];
    const enabled = new Set((await this.users.findByIds(candidates)).filter((u) => u.disabledAt === null).map((u) => u.id));
    return candidates.find((id) => enabled.has(id)) ?? null;
  }

  /** The org unit with this key, or null (metadata names units by key). */
  async unitByKey(key: string): Promise<OrgUnitRecord | null> {
    return this.units.findByKey(key);
  }

  /** Enabled users placed in one of `unitIds`, by id (the members an assignment rule picks from). */
  async usersInUnits(unitIds: readonly string[]): Promise<UserSummary[]> {
    return (await this.users.inUnits(unitIds.filter(isUuid))).map((u) => toUserSummary(u));
  }

  /** Enabled users holding `roleKey`, optionally only those in `unitIds` (e.g. an owner's unit chain). */
  async usersWithRole(roleKey: string, unitIds?: readonly string[]): Promise<UserSummary[]> {
    return (await this.users.withRole(roleKey, unitIds?.filter(isUuid))).map((u) => toUserSummary(u));
  }

  /** The Actor of a user acting themselves, or null for no such user. Disabled users get one too; callers decide. */
  async actorFor(userId: string): Promise<Actor | null> {
    const user = isUuid(userId) ? await this.users.findById(userId) : null;
    return user && userActor(user);
  }
}

/** A user's Actor; `roles` narrows the user's roles (an API key's subset). */
export function userActor(user: UserRecord, via?: { apiKeyId: string; roles: readonly string[] }): Actor {
  const roles = via ? user.roles.filter((r) => via.roles.includes(r)) : user.roles;
  return {
    kind: via ? 'api_key' : 'user',
    userId: user.id,
    username: user.username,
    orgUnitId: user.orgUnitId,
    roles,
    isAdmin: roles.includes(ADMIN_ROLE),
    locale: user.locale,
    ...(via ? { apiKeyId: via.apiKeyId } : {}),
  };
}
