import { Injectable } from '@nestjs/common';
import type { Principal } from '@tessera/metadata';
import { IdentityService } from '../../identity/identity.service';
import { isUuid } from '../../common/uuid';
import { fieldPrincipal } from './field.principal';
import { managerPrincipal } from './manager.principal';
import type { PrincipalContext, PrincipalResolver } from './principal-resolver';
import { rolePrincipal } from './role.principal';
import { userPrincipal } from './user.principal';

type Registry = { [K in Principal['kind']]: PrincipalResolver<Extract<Principal, { kind: K }>> };

const PRINCIPALS: Registry = { role: rolePrincipal, manager: managerPrincipal, field: fieldPrincipal, user: userPrincipal };

/**
 * Resolves approvers, escalation targets and recipients to user ids at run time, against
 * the record and the org tree (the engine gets ids, never principals to look up).
 */
@Injectable()
export class PrincipalsResolver {
  constructor(private readonly identity: IdentityService) {}

  /** A context for several lookups about one record (the owner's unit is looked up once). */
  context(record: Readonly<Record<string, unknown>>): PrincipalContext {
    let unit: Promise<string | null> | undefined;
    const owner = record.owner_id;
    return {
      record,
      identity: this.identity,
      ownerUnit: () =>
        (unit ??= (isUuid(owner) ? this.identity.unitOf(owner).catch(() => null) : Promise.resolve(null)).then(
          (u) => u ?? (isUuid(record.org_unit_id) ? record.org_unit_id : null),
        )),
    };
  }

  /** The union of every principal's users, in principal order, once each. */
  async resolve(principals: readonly Principal[], ctx: PrincipalContext): Promise<string[]> {
    const ids: string[] = [];
    for (const p of principals) ids.push(...(await (PRINCIPALS[p.kind] as PrincipalResolver).resolve(p, ctx)));
    return [...new Set(ids)];
  }

  /** Each user's manager `levels` up (null when there is none): escalation to the approver's manager. */
  async managersOf(users: readonly string[], levels = 1): Promise<Record<string, string | null>> {
    const out: Record<string, string | null> = {};
    for (const u of new Set(users)) {
      let m: string | null = u;
      for (let i = 0; i < levels && m !== null; i++) m = await this.identity.managerOf(m);
      out[u] = m === u ? null : m;
    }
    return out;
  }
}
