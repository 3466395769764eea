import { Controller, Get, Injectable, Param, Query } from '@nestjs/common';
import { qualifiedTable } from '@tessera/engine';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import { CurrentActor } from '../identity/current-actor.decorator';
import { IdentityService } from '../identity/identity.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { unknownObject } from './record-errors';
import { rowFilterSql } from './sql/record-filter.sql';
import { SqlParams } from './sql/sql-params';

export interface OwnerOption {
  id: string;
  displayName: string;
  username: string;
}

const MAX = 500;

/**
 * The people a list's owner filter and transfer dialog offer, without the admin user
 * directory: the caller, the owners of the records they may read and the enabled users
 * of the units their read scope covers. Names only; no other user data.
 */
@Injectable()
export class RecordOwnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
  ) {}

  async list(actor: Actor, object: string, q?: string): Promise<OwnerOption[]> {
    if (!(await this.runtime.get()).compiledObject(object)) throw unknownObject(object);
    const access = await this.access.require(actor, object, 'read');
    const p = new SqlParams();
    const owners: Array<{ owner_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT "owner_id" FROM ${qualifiedTable(object)} WHERE "deleted_at" IS NULL AND ${rowFilterSql(access.read, p)} LIMIT ${MAX}`,
      p.values,
    );
    const inUnits = access.read.all ? [] : await this.identity.usersInUnits(access.read.unitIds);
    const users = await this.identity.usersByIds([actor.userId, ...owners.map((o) => o.owner_id), ...inUnits.map((u) => u.id)]);
    const term = q?.trim().toLowerCase();
    return users
      .filter((u) => !u.disabled || owners.some((o) => o.owner_id === u.id))
      .filter((u) => !term || u.displayName.toLowerCase().includes(term) || u.username.toLowerCase().includes(term))
      .map((u) => ({ id: u.id, displayName: u.displayName, username: u.username }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'))
      .slice(0, MAX);
  }
}

/** GET /api/objects/:object/owners?q= — names for the owner filter and the transfer target. */
@Controller('objects/:object/owners')
export class RecordOwnersController {
  constructor(private readonly owners: RecordOwnersService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Param('object') object: string, @Query('q') q?: string): Promise<{ items: OwnerOption[] }> {
    return { items: await this.owners.list(actor, object, q) };
  }
}
