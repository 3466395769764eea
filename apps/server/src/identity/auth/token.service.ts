import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { AppConfigService } from '../../config/app-config.service';
import { unauthenticated } from '../identity.errors';
import { isUuid } from '../../common/uuid';
import { IdentitySecretRepository } from './identity-secret.repository';

const ISSUER = 'tessera';
const AUDIENCE = 'tessera-api';
const ALGORITHM = 'HS256';

/** What an access token says: the user, and the sign-in session it belongs to. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/**
 * Signs and checks access tokens (JWT, HS256). The secret is JWT_SECRET, or one
 * generated at first start and kept in the database so every instance shares it.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails)
  // to parse it as a public key on every call, which cost a fifth of a request's CPU.
  private secret?: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfigService,
    private readonly secrets: IdentitySecretRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secret = createSecretKey(Buffer.from(this.config.get('JWT_SECRET') ?? (await this.secrets.getOrCreate('jwt_hs256', randomBytes(48).toString('base64url')))));
  }

  get accessTtlSeconds(): number {
    return this.config.get('JWT_ACCESS_TTL');
  }

  sign(claims: AccessClaims): Promise<string> {
    return this.jwt.signAsync(
      { sid: claims.sessionId, typ: 'access' },
      { secret: this.key(), algorithm: ALGORITHM, issuer: ISSUER, audience: AUDIENCE, subject: claims.userId, expiresIn: this.accessTtlSeconds },
    );
  }

  /** Throws 401 `token-expired` (refreshing helps) or `token-invalid` (signature, algorithm, shape). */
  async verify(token: string): Promise<AccessClaims> {
    let payload: { sub?: unknown; sid?: unknown; typ?: unknown };
    try {
      // The algorithm list is what refuses `alg: none` and key-confusion tricks.
      payload = await this.jwt.verifyAsync(token, { secret: this.key(), algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') throw unauthenticated('The access token has expired; refresh it', 'token-expired');
      throw unauthenticated('The access token is not valid', 'token-invalid');
    }
    if (!isUuid(payload.sub) || !isUuid(payload.sid) || payload.typ !== 'access') {
      throw unauthenticated('The access token is not valid', 'token-invalid');
    }
    return { userId: payload.sub as string, sessionId: payload.sid as string };
  }

  private key(): string {
    // @nestjs/jwt types the secret as a string; jsonwebtoken accepts the KeyObject.
    if (this.secret === undefined) throw new Error('TokenService used before its secret was loaded');
    return this.secret as unknown as string;
  }
}
