import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@tessera/metadata';
import { IdentityService } from '../identity/identity.service';
import { isUuid } from '../common/uuid';

/**
 * Turns the principals of a notify action (owner's manager, a role in the owner's unit
 * chain, the user in a field) into user ids, against the record and the org tree.
 * Reads through IdentityService: call it outside any transaction.
 */
@Injectable()
export class RecipientsResolver {
  private readonly logger = new Logger('Pipelines');

  constructor(private readonly identity: IdentityService) {}

  async resolve(principals: readonly Principal[], record: Readonly<Record<string, unknown>>): Promise<string[]> {
    const ids = await Promise.all(principals.map((p) => this.one(p, record)));
    return [...new Set(ids.flat())];
  }

  private async one(p: Principal, record: Readonly<Record<string, unknown>>): Promise<string[]> {
    switch (p.kind) {
      case 'field': {
        const id = record[p.field];
        return isUuid(id) ? [id] : [];
      }
      case 'manager': {
        let user = record[p.of ?? 'owner_id'];
        for (let level = 0; level < (p.levels ?? 1) && isUuid(user); level++) user = await this.identity.managerOf(user);
        return isUuid(user) && user !== record[p.of ?? 'owner_id'] ? [user] : [];
      }
      case 'role':
        return this.roleHolders(p.role, p.scope ?? 'ownerChain', record);
      case 'user': {
        const user = await this.identity.userByLogin(p.login);
        if (!user || user.disabled) this.logger.warn(`notify: no active user ${p.login}`);
        return user && !user.disabled ? [user.id] : [];
      }
    }
  }

  private async roleHolders(role: string, scope: 'ownerChain' | 'ownerUnit' | 'anywhere', record: Readonly<Record<string, unknown>>): Promise<string[]> {
    if (scope === 'anywhere') return (await this.identity.usersWithRole(role)).filter((u) => !u.disabled).map((u) => u.id);
    const owner = record.owner_id;
    const unit = isUuid(owner) ? await this.identity.unitOf(owner).catch(() => null) : null;
    if (!unit) return [];
    const units = scope === 'ownerUnit' ? [unit] : await this.identity.unitChain(unit);
    // The nearest unit up the chain that has a holder: the regional manager, not every manager above.
    for (const u of units) {
      const holders = (await this.identity.usersWithRole(role, [u])).filter((h) => !h.disabled);
      if (holders.length) return holders.map((h) => h.id);
    }
    return [];
  }
}
