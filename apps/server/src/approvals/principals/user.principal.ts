import type { UserPrincipal } from '@tessera/metadata';
import type { PrincipalResolver } from './principal-resolver';

/** One user by login, when enabled. */
export const userPrincipal: PrincipalResolver<UserPrincipal> = {
  kind: 'user',
  async resolve(p, ctx) {
    const user = await ctx.identity.userByLogin(p.login);
    return user && !user.disabled ? [user.id] : [];
  },
};
