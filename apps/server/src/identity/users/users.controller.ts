import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import type { Actor } from '../actor';
import { CurrentActor } from '../current-actor.decorator';
import { BodyReader, KEY_PATTERN } from '../request-body';
import { RequireCapability } from '../require-access.decorator';
import type { UserSummary } from './user';
import { UsersService, type UserPage } from './users.service';

const USERNAME = /^[\p{L}\p{N}._@-]{1,64}$/u;
const LOCALES = ['zh-CN', 'en'] as const;

/** User administration: needs the userAdmin capability (administrators have it). */
@Controller('admin/users')
@RequireCapability('userAdmin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Filters: q (username or name contains), orgUnitId, role, disabled=true|false; limit (1-200), cursor. */
  @Get()
  list(@Query() query: Record<string, unknown>): Promise<UserPage> {
    const b = new BodyReader(query);
    const search = b.text('q', { max: 100 });
    const orgUnitId = b.uuid('orgUnitId') ?? undefined;
    const roleKey = b.text('role', { pattern: KEY_PATTERN, patternHint: 'a role key' });
    const disabled = b.oneOf('disabled', ['true', 'false'] as const);
    const limit = b.text('limit', { pattern: /^(?:[1-9]\d?|1\d\d|200)$/, patternHint: 'an integer from 1 to 200' });
    const cursor = b.text('cursor', { max: 200 });
    b.done();
    return this.users.list({ search, orgUnitId, roleKey, disabled: disabled === undefined ? undefined : disabled === 'true', limit: Number(limit ?? 50), cursor });
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<UserSummary> {
    return this.users.get(id);
  }

  /** { username, displayName, password, orgUnitId?, roles?, locale? } */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<UserSummary> {
    const b = new BodyReader(body);
    const username = b.text('username', { required: true, pattern: USERNAME, patternHint: '1-64 letters, digits or . _ @ -' });
    const displayName = b.text('displayName', { required: true, max: 100 });
    const password = b.text('password', { required: true, min: 8, max: 256 });
    const orgUnitId = b.uuid('orgUnitId', { nullable: true }) ?? null;
    const roles = b.list('roles', { pattern: KEY_PATTERN, hint: 'a role key' }) ?? [];
    const locale = b.oneOf('locale', LOCALES) ?? 'zh-CN';
    b.done();
    return this.users.create(actor, { username, displayName, password, orgUnitId, roles, locale });
  }

  /** { displayName?, orgUnitId?, locale? }. Moving a user does not move their records. */
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown): Promise<UserSummary> {
    const b = new BodyReader(body);
    const displayName = b.text('displayName', { max: 100 });
    const orgUnitId = b.uuid('orgUnitId', { nullable: true });
    const locale = b.oneOf('locale', LOCALES);
    b.done();
    return this.users.update(actor, id, { displayName, orgUnitId, locale });
  }

  /** { roles: [key, ...] } replaces the user's roles. */
  @Put(':id/roles')
  setRoles(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown): Promise<UserSummary> {
    const b = new BodyReader(body);
    const roles = b.list('roles', { required: true, pattern: KEY_PATTERN, hint: 'a role key' });
    b.done();
    return this.users.setRoles(actor, id, roles!);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<UserSummary> {
    return this.users.disable(actor, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<UserSummary> {
    return this.users.enable(actor, id);
  }

  /** { password }: sets it, lifts a lockout, ends the user's sessions. */
  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown): Promise<UserSummary> {
    const b = new BodyReader(body);
    const password = b.text('password', { required: true, min: 8, max: 256 });
    b.done();
    return this.users.resetPassword(actor, id, password);
  }
}
