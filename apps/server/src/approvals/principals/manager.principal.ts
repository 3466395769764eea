import type { ManagerPrincipal } from '@tessera/metadata';
import { isUuid } from '../../common/uuid';
import type { PrincipalResolver } from './principal-resolver';

/** The manager, `levels` up, of the user in a user field (the owner by default). */
export const managerPrincipal: PrincipalResolver<ManagerPrincipal> = {
  kind: 'manager',
  async resolve(p, ctx) {
    const start = ctx.record[p.of ?? 'owner_id'];
    let user: unknown = start;
    for (let level = 0; level < (p.levels ?? 1) && isUuid(user); level++) user = await ctx.identity.managerOf(user);
    return isUuid(user) && user !== start ? [user] : [];
  },
};
