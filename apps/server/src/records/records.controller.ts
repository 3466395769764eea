import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { RawListQuery } from '@tessera/engine';
import type { Request, Response } from 'express';
import { UserError } from '../common/errors/user.error';
import { requestIdOf } from '../common/request-id';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { RecordReadService, type RecordPage } from './record-read.service';
import type { RecordData } from './record-row.convert';
import { RecordWriteService, type WriteOptions } from './record-write.service';
import { recordIdParam } from '../common/uuid';

function writeOptions(req: Request, ack?: string, ifMatch?: string): WriteOptions {
  let expectedVersion: number | undefined;
  if (ifMatch !== undefined) {
    expectedVersion = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(expectedVersion)) {
      throw new UserError({ status: 400, code: 'if-match-invalid', title: 'If-Match must be a record version', errors: [{ path: '/headers/if-match', code: 'if-match.invalid', message: 'expected "<version>"' }] });
    }
  }
  return {
    acknowledge: ack ? ack.split(',').map((s) => s.trim()).filter(Boolean) : [],
    expectedVersion,
    requestId: requestIdOf(req),
  };
}

const etag = (record: RecordData) => `"${record.version}"`;

/** The record API of every published object: /api/objects/:object/records */
@Controller('objects/:object/records')
export class RecordsController {
  constructor(
    private readonly reads: RecordReadService,
    private readonly writes: RecordWriteService,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Param('object') object: string, @Query() query: RawListQuery): Promise<RecordPage> {
    return this.reads.list(actor, object, query);
  }

  /** The same as GET, for filters too long for a URL. */
  @Post('query')
  @HttpCode(200)
  query(@CurrentActor() actor: Actor, @Param('object') object: string, @Body() body: RawListQuery): Promise<RecordPage> {
    return this.reads.list(actor, object, body ?? {});
  }

  @Post()
  async create(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Body() body: RecordData,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('acknowledge-warnings') ack?: string,
  ): Promise<RecordData> {
    const record = await this.writes.create(actor, object, body, writeOptions(req, ack));
    res.setHeader('ETag', etag(record)).setHeader('Location', `/api/objects/${object}/records/${record.id}`);
    return record;
  }

  @Get(':id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
    @Query('expand') expand?: string,
  ): Promise<RecordData> {
    const record = await this.reads.get(actor, object, recordIdParam(id), expand ? expand.split(',') : []);
    res.setHeader('ETag', etag(record));
    return record;
  }

  @Patch(':id')
  async update(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Param('id') id: string,
    @Body() body: RecordData,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('acknowledge-warnings') ack?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RecordData> {
    const record = await this.writes.update(actor, object, recordIdParam(id), body, writeOptions(req, ack, ifMatch));
    res.setHeader('ETag', etag(record));
    return record;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Req() req: Request, @Headers('if-match') ifMatch?: string): Promise<void> {
    await this.writes.remove(actor, object, recordIdParam(id), writeOptions(req, undefined, ifMatch));
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Req() req: Request): Promise<RecordData> {
    return this.writes.restore(actor, object, recordIdParam(id), writeOptions(req));
  }

  @Get(':id/history')
  async history(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string) {
    return { items: await this.reads.history(actor, object, recordIdParam(id)) };
  }
}

