import { SYSTEM_ACTOR, type Actor } from '../identity/actor';

const effectActors = new WeakSet<Actor>();

/**
 * The actor an approval's own outcome writes with: the platform (an administrator that
 * is nobody), recorded as the user whose decision finished the flow. The record lock and
 * the start triggers let these writes through; nothing outside this module can make one.
 */
export function effectActor(userId: string | null): Actor {
  const actor: Actor = Object.freeze({ ...SYSTEM_ACTOR, userId: userId ?? SYSTEM_ACTOR.userId, username: 'approval' });
  effectActors.add(actor);
  return actor;
}

export const isEffectActor = (actor: Actor): boolean => effectActors.has(actor);
