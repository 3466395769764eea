import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { BodyReader, KEY_PATTERN } from '../request-body';
import { RequireCapability } from '../require-access.decorator';
import type { UserSummary } from '../users/user';
import type { OrgUnitRecord, OrgUnitView } from './org-unit';
import { OrgUnitsService } from './org-units.service';

/** The org tree's admin API: needs the userAdmin capability (administrators have it). */
@Controller('admin/org-units')
@RequireCapability('userAdmin')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  /** Every unit, parents first, with depth and member count. */
  @Get()
  async tree(): Promise<{ items: OrgUnitView[] }> {
    return { items: await this.units.tree() };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<OrgUnitRecord> {
    return this.units.get(id);
  }

  /** { key, label, parentId?, managerUserId? } */
  @Post()
  create(@Body() body: unknown): Promise<OrgUnitRecord> {
    const b = new BodyReader(body);
    const key = b.text('key', { required: true, pattern: KEY_PATTERN, patternHint: 'a key: lower-case letter, then letters, digits or _' });
    const label = b.label('label', { required: true });
    const parentId = b.uuid('parentId', { nullable: true }) ?? null;
    const managerUserId = b.uuid('managerUserId', { nullable: true }) ?? null;
    b.done();
    return this.units.create({ key, label: label!, parentId, managerUserId });
  }

  /** { key?, label?, parentId? } */
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown): Promise<OrgUnitRecord> {
    const b = new BodyReader(body);
    const key = b.text('key', { pattern: KEY_PATTERN, patternHint: 'a key: lower-case letter, then letters, digits or _' });
    const label = b.label('label');
    const parentId = b.uuid('parentId', { nullable: true });
    b.done();
    return this.units.update(id, { key, label, parentId });
  }

  /** { userId | null } */
  @Put(':id/manager')
  setManager(@Param('id') id: string, @Body() body: unknown): Promise<OrgUnitRecord> {
    const b = new BodyReader(body);
    const userId = b.uuid('userId', { required: true, nullable: true });
    b.done();
    return this.units.setManager(id, userId ?? null);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string): Promise<void> {
    return this.units.delete(id);
  }

  @Get(':id/members')
  async members(@Param('id') id: string): Promise<{ items: UserSummary[] }> {
    return { items: await this.units.members(id) };
  }

  /** { userIds: [...] } moves these users into the unit. */
  @Post(':id/members')
  @HttpCode(200)
  async addMembers(@Param('id') id: string, @Body() body: unknown): Promise<{ items: UserSummary[] }> {
    const b = new BodyReader(body);
    const userIds = b.list('userIds', { required: true, pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, hint: 'a user id (UUID)' });
    b.done();
    return { items: await this.units.addMembers(id, userIds!) };
  }
}
