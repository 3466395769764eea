import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';
import { unauthenticated } from './identity.errors';

/** The request's Actor, as the global AuthGuard set it on `request.actor`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  // Only reachable on a @Public() route that asks for an actor: a programming error, but fail closed.
  if (!actor) throw unauthenticated('Sign in first');
  return actor;
});
