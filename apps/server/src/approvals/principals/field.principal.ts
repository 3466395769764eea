import type { FieldPrincipal } from '@tessera/metadata';
import { isUuid } from '../../common/uuid';
import type { PrincipalResolver } from './principal-resolver';

/** The user in a user field of the record, when that user exists and is enabled. */
export const fieldPrincipal: PrincipalResolver<FieldPrincipal> = {
  kind: 'field',
  async resolve(p, ctx) {
    const id = ctx.record[p.field];
    if (!isUuid(id)) return [];
    const user = await ctx.identity.user(id);
    return user && !user.disabled ? [user.id] : [];
  },
};
