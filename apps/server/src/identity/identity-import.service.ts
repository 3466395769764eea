import { Injectable } from '@nestjs/common';
import type { Label } from '@tessera/metadata';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uuidv7 } from '../common/uuid7';
import { hashPassword } from './auth/password.hash';
import { OrgUnitRepository } from './org-units/org-unit.repository';
import { UserBulkRepository } from './users/user-bulk.repository';

export interface ImportUserInput {
  username: string;
  displayName: string;
  orgUnitId: string | null;
  roles: readonly string[];
  /** Becomes the manager of orgUnitId when that unit has none. */
  manages: boolean;
  locale: 'zh-CN' | 'en';
}

export interface ImportedUser {
  id: string;
  username: string;
  orgUnitId: string | null;
  /** False when the username existed: that user is left as it was. */
  created: boolean;
}

/**
 * What an import (a template pack) needs from identity, in the caller's transaction:
 * units by key, users by login, and users that come with imported data (demo users).
 * Existing usernames are left untouched (an import never changes a real account);
 * new users share one password, hashed once (scrypt per user would make hundreds of
 * demo users take a minute). Unit managers are set only where a unit has none.
 */
@Injectable()
export class IdentityImportService {
  constructor(
    private readonly bulk: UserBulkRepository,
    private readonly units: OrgUnitRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every org unit by key, with its id and name. */
  async unitsByKey(m: EntityManager): Promise<Map<string, { id: string; label: Label }>> {
    return new Map((await this.units.all(m)).map((u) => [u.key, { id: u.id, label: u.label }]));
  }

  /** The users among `logins` that exist (keys lower-cased), with their unit. */
  usersByLogin(m: EntityManager, logins: readonly string[]): Promise<Map<string, { id: string; orgUnitId: string | null }>> {
    return this.bulk.idsByUsername(logins, m);
  }

  async importUsers(m: EntityManager, users: readonly ImportUserInput[], password: string, source: string): Promise<ImportedUser[]> {
    const existing = await this.bulk.idsByUsername(users.map((u) => u.username), m);
    const passwordHash = users.some((u) => !existing.has(u.username.toLowerCase())) ? await hashPassword(password) : null;
    const fresh = users.filter((u) => !existing.has(u.username.toLowerCase())).map((u) => ({ ...u, id: uuidv7(), passwordHash }));
    const inserted = new Set(await this.bulk.insertMany(fresh, m));
    const byName = new Map(fresh.map((u) => [u.username.toLowerCase(), u]));
    const result = users.map((u): ImportedUser => {
      const key = u.username.toLowerCase();
      const old = existing.get(key);
      if (old) return { id: old.id, username: u.username, orgUnitId: old.orgUnitId, created: false };
      const made = byName.get(key)!;
      return { id: made.id, username: u.username, orgUnitId: u.orgUnitId, created: inserted.has(made.id) };
    });

    const managers = new Map<string, string>();
    users.forEach((u, i) => {
      if (u.manages && u.orgUnitId && result[i].created && !managers.has(u.orgUnitId)) managers.set(u.orgUnitId, result[i].id);
    });
    for (const unit of await this.units.all(m)) {
      const manager = managers.get(unit.id);
      if (manager && unit.managerUserId === null) await this.units.update(unit.id, { managerUserId: manager }, m);
    }
    const created = result.filter((r) => r.created);
    if (created.length > 0) {
      await this.audit.record({ action: 'user.imported', target: { type: 'import', id: source }, details: { count: created.length, usernames: created.slice(0, 50).map((r) => r.username) } }, m);
    }
    return result;
  }
}
