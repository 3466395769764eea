import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { RequireCapability } from '../identity/require-access.decorator';
import { readBundleBody } from './bundle-body.read';
import { PackExportService } from './pack-export.service';
import { PackImportService, type PackImportOptions } from './pack-import.service';

/** `?demoData=true&retire=true&allowDowngrade=true`: flags are true or false, nothing else. */
function options(query: Record<string, unknown>): PackImportOptions {
  const flag = (name: string): boolean | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new UserError({ status: 400, code: 'query-invalid', title: 'The query is invalid', errors: [{ path: `/${name}`, code: 'query.boolean', message: `${name} is true or false` }] });
  };
  return { demoData: flag('demoData'), retire: flag('retire'), allowDowngrade: flag('allowDowngrade') };
}

/**
 * Template packs: the body of plan and import is a pack bundle { manifest, documents, demo? }
 * (application/json, application/vnd.tessera.pack+json, or a multipart upload of the file).
 */
@Controller('admin/packs')
export class PacksController {
  constructor(
    private readonly importer: PackImportService,
    private readonly exporter: PackExportService,
  ) {}

  @Get()
  @RequireCapability('packExport')
  async list() {
    return { items: await this.exporter.list() };
  }

  /** What the import would change: safe and destructive changes, conflicts, org units, demo data; nothing is written. */
  @Post('plan')
  @HttpCode(200)
  @RequireCapability('packImport')
  async plan(@CurrentActor() actor: Actor, @Req() req: Request, @Query() query: Record<string, unknown>) {
    return this.importer.plan(await readBundleBody(req), actor, options(query));
  }

  /** Imports or upgrades the pack in one transaction: all of it, or nothing. */
  @Post('import')
  @HttpCode(200)
  @RequireCapability('packImport')
  async import(@CurrentActor() actor: Actor, @Req() req: Request, @Query() query: Record<string, unknown>) {
    return this.importer.import(await readBundleBody(req), actor, options(query));
  }

  /** The installed pack as a bundle of its current metadata (no demo data). */
  @Get(':name/export')
  @RequireCapability('packExport')
  async export(@Param('name') name: string) {
    return this.exporter.export(name);
  }
}
