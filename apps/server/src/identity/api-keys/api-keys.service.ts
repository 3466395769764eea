import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { UserError } from '../../common/errors/user.error';
import { uuidv7 } from '../../common/uuid7';
import { ADMIN_ROLE, type Actor } from '../actor';
import { forbidden, notFound, unauthenticated } from '../identity.errors';
import { userActor } from '../identity.service';
import { API_KEY_MARK, newApiKey, parseApiKey, sameHash, sha256 } from '../auth/secret-token';
import { UserRepository } from '../users/user.repository';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeyRepository } from './api-key.repository';

/** At most one `api_key.used` audit row per key in this many seconds. */
const USE_AUDIT_EVERY_SECONDS = 60;

export interface ApiKeyView {
  id: string;
  name: string;
  /** Shown in lists so a key can be recognized; the secret is never shown again. */
  prefix: string;
  userId: string;
  roles: string[];
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKeyInput {
  name: string;
  userId: string;
  roles: string[];
  expiresAt: Date | null;
}

const view = (k: ApiKeyEntity): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: `${API_KEY_MARK}${k.prefix}`,
  userId: k.userId,
  roles: k.roles,
  createdAt: k.createdAt.toISOString(),
  createdBy: k.createdBy,
  expiresAt: k.expiresAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** API keys for integrations: created for a user with a subset of their roles, shown once, revocable. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async create(actor: Actor, input: NewApiKeyInput): Promise<ApiKeyView & { key: string }> {
    const user = await this.users.findById(input.userId);
    if (!user) throw new UserError({ code: 'user-unknown', title: 'No such user', errors: [{ path: '/userId', code: 'exists', message: `no user ${input.userId}` }] });
    const notHeld = input.roles.map((r, i) => ({ r, i })).filter(({ r }) => !user.roles.includes(r));
    if (notHeld.length > 0) {
      throw new UserError({
        code: 'role-not-held',
        title: 'A key can only carry roles its user holds',
        errors: notHeld.map(({ r, i }) => ({ path: `/roles/${i}`, code: 'role.not_held', message: `${user.username} does not hold ${r}` })),
      });
    }
    if (input.roles.includes(ADMIN_ROLE) && !actor.isAdmin) throw forbidden('Only administrators can create keys with the admin role');
    const { key, prefix, secretHash } = newApiKey();
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await this.keys.insert(
        { id: uuidv7(), userId: user.id, name: input.name, prefix, secretHash, roles: input.roles, createdBy: actor.userId, expiresAt: input.expiresAt },
        m,
      );
      await this.audit.record({ action: 'api_key.created', target: { type: 'api_key', id: saved.id }, details: { name: input.name, userId: user.id, roles: input.roles } }, m);
      return saved;
    });
    return { ...view(row), key };
  }

  async list(filter: { userId?: string; includeRevoked: boolean }): Promise<ApiKeyView[]> {
    return (await this.keys.list(filter)).map(view);
  }

  async revoke(id: string): Promise<ApiKeyView> {
    const existing = await this.keys.findById(id);
    if (!existing) throw notFound('API key', id);
    await this.dataSource.transaction(async (m) => {
      if (await this.keys.revoke(id, m)) {
        await this.audit.record({ action: 'api_key.revoked', target: { type: 'api_key', id }, details: { name: existing.name, userId: existing.userId } }, m);
      }
    });
    return view((await this.keys.findById(id))!);
  }

  /** The Actor a presented key acts as: its user, limited to the key's roles the user still holds. */
  async authenticate(presented: string, use: { method: string; path: string }): Promise<Actor> {
    const parsed = parseApiKey(presented);
    const row = parsed ? await this.keys.findByPrefix(parsed.prefix) : null;
    if (!parsed || !row || !sameHash(sha256(parsed.secret), row.secretHash)) throw unauthenticated('The API key is not valid', 'api-key-invalid');
    if (row.revokedAt) throw unauthenticated('The API key has been revoked', 'api-key-revoked');
    if (row.expiresAt && row.expiresAt <= new Date()) throw unauthenticated('The API key has expired', 'api-key-expired');
    const user = await this.users.findById(row.userId);
    if (!user) throw unauthenticated('The API key is not valid', 'api-key-invalid');
    if (user.disabledAt) throw forbidden(`The user of this API key is disabled`, 'user-disabled');
    if (await this.keys.touch(row.id, USE_AUDIT_EVERY_SECONDS)) {
      await this.audit.record({
        action: 'api_key.used',
        actorId: user.id,
        actorName: user.username,
        target: { type: 'api_key', id: row.id },
        details: { name: row.name, method: use.method, path: use.path },
      });
    }
    return userActor(user, { apiKeyId: row.id, roles: row.roles });
  }
}
