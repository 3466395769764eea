import type { RolePrincipal } from '@tessera/metadata';
import type { PrincipalResolver } from './principal-resolver';

/**
 * Holders of a role. ownerChain: those of the nearest unit at or above the owner's that
 * has any (the regional manager above a rep's office, not every manager up to the top);
 * ownerUnit: the owner's unit only; anywhere: every holder.
 */
export const rolePrincipal: PrincipalResolver<RolePrincipal> = {
  kind: 'role',
  async resolve(p, ctx) {
    const enabled = (users: Array<{ id: string; disabled: boolean }>) => users.filter((u) => !u.disabled).map((u) => u.id);
    const scope = p.scope ?? 'ownerChain';
    if (scope === 'anywhere') return enabled(await ctx.identity.usersWithRole(p.role));
    const unit = await ctx.ownerUnit();
    if (!unit) return [];
    if (scope === 'ownerUnit') return enabled(await ctx.identity.usersWithRole(p.role, [unit]));
    const chain = await ctx.identity.unitChain(unit);
    const holders = (await ctx.identity.usersWithRole(p.role, chain)).filter((u) => !u.disabled);
    for (const u of chain) {
      const here = holders.filter((h) => h.orgUnitId === u);
      if (here.length) return here.map((h) => h.id);
    }
    return [];
  },
};
