import { SYSTEM_ACTOR, type Actor } from '../../identity/actor';

/**
 * The platform acting for an automation: an administrator that is nobody. A record an
 * automation creates is owned by the triggering record's owner (in their unit), so the
 * follow-up task lands on the rep's list; other writes are the system's.
 */
export function automationActor(name: string, owner?: { userId: unknown; orgUnitId: unknown }): Actor {
  const userId = typeof owner?.userId === 'string' ? owner.userId : SYSTEM_ACTOR.userId;
  const orgUnitId = typeof owner?.orgUnitId === 'string' && userId !== SYSTEM_ACTOR.userId ? owner.orgUnitId : null;
  return Object.freeze({ ...SYSTEM_ACTOR, userId, orgUnitId, username: `automation:${name}` });
}
