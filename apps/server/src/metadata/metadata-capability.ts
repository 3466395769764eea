import type { RoleDefinition } from '@tessera/metadata';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';

export type Capability = NonNullable<RoleDefinition['capabilities']>[number];

/** Admins hold every capability; others those their roles grant. */
export function assertCapability(actor: Actor, roles: readonly RoleDefinition[], capability: Capability): void {
  if (actor.isAdmin) return;
  if (roles.some((r) => actor.roles.includes(r.key) && r.capabilities?.includes(capability))) return;
  throw new UserError({ status: 403, code: 'capability-missing', title: 'Not allowed', detail: `This needs the "${capability}" capability` });
}
