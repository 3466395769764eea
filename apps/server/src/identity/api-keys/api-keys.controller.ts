import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import type { Actor } from '../actor';
import { CurrentActor } from '../current-actor.decorator';
import { notFound } from '../identity.errors';
import { BodyReader, KEY_PATTERN } from '../request-body';
import { RequireCapability } from '../require-access.decorator';
import { isUuid } from '../../common/uuid';
import { ApiKeysService, type ApiKeyView } from './api-keys.service';

/** API keys for integrations: needs the userAdmin capability (administrators have it). */
@Controller('admin/api-keys')
@RequireCapability('userAdmin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** { name, userId?, roles, expiresAt? } -> the key in `key`, shown this once. userId defaults to the caller. */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ApiKeyView & { key: string }> {
    const b = new BodyReader(body);
    const name = b.text('name', { required: true, max: 100 });
    const userId = b.uuid('userId') ?? actor.userId;
    const roles = b.list('roles', { required: true, pattern: KEY_PATTERN, hint: 'a role key' });
    const expiresAt = b.date('expiresAt') ?? null;
    b.done();
    return this.keys.create(actor, { name, userId, roles: roles!, expiresAt });
  }

  /** Filters: userId; includeRevoked=true to see revoked keys too. */
  @Get()
  async list(@Query('userId') userId?: string, @Query('includeRevoked') includeRevoked?: string): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.keys.list({ userId: isUuid(userId) ? userId : undefined, includeRevoked: includeRevoked === 'true' }) };
  }

  /** Revokes the key: it stops working at once. The row stays for the record. */
  @Delete(':id')
  revoke(@Param('id') id: string): Promise<ApiKeyView> {
    if (!isUuid(id)) throw notFound('API key', id);
    return this.keys.revoke(id);
  }
}
