import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { currentRequestContext } from '../../audit/request-context';
import { UserError } from '../../common/errors/user.error';
import { AccessService } from '../access.service';
import type { Actor } from '../actor';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { forbidden, unauthenticated } from '../identity.errors';
import { userActor } from '../identity.service';
import { IS_PUBLIC } from '../public.decorator';
import { REQUIRED_ACCESS, type RequiredAccess } from '../require-access.decorator';
import { UserRepository } from '../users/user.repository';
import { API_KEY_MARK } from './secret-token';
import { SessionRepository } from './session.repository';
import { TokenService } from './token.service';

export type AuthenticatedRequest = Request & { actor?: Actor; sessionId?: string };

/**
 * Global: every route needs `Authorization: Bearer <access token | API key>` unless it
 * is @Public(). The actor is rebuilt from the database on each request, so disabling a
 * user, changing roles or ending a session takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    let actor: Actor;
    try {
      actor = await this.authenticate(req);
    } catch (error) {
      if (error instanceof UserError && error.status === 401) {
        const res = context.switchToHttp().getResponse<Response>();
        res.setHeader('WWW-Authenticate', `Bearer realm="tessera", error="invalid_token"`);
      }
      throw error;
    }
    req.actor = actor;
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.actor = { id: actor.userId, name: actor.username };

    const required = this.reflector.getAllAndOverride<RequiredAccess | undefined>(REQUIRED_ACCESS, targets);
    if (required && 'admin' in required && !actor.isAdmin) throw forbidden('Only administrators may do this', 'admin-only');
    if (required && 'capability' in required) await this.access.requireCapability(actor, required.capability);
    return true;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<Actor> {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw unauthenticated('Send Authorization: Bearer <access token or API key>');
    const credential = match[1];
    if (credential.startsWith(API_KEY_MARK)) return this.apiKeys.authenticate(credential, { method: req.method, path: req.originalUrl.split('?')[0] });

    const claims = await this.tokens.verify(credential);
    const user = await this.users.findById(claims.userId);
    if (!user) throw unauthenticated('The access token is not valid', 'token-invalid');
    if (!(await this.sessions.isActive(claims.sessionId, user.id))) throw unauthenticated('This session has ended; sign in again', 'session-revoked');
    if (user.disabledAt) throw forbidden('This user is disabled', 'user-disabled');
    req.sessionId = claims.sessionId;
    return userActor(user);
  }
}
