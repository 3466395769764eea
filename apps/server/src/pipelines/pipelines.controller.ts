import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { UserError } from '../common/errors/user.error';
import { requestIdOf } from '../common/request-id';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { BodyReader } from '../identity/request-body';
import { recordIdParam as recordId } from '../common/uuid';
import { ChecklistService } from './checklist.service';
import type { ChecklistItemView, RecordPipelineView } from './pipeline-view';
import { PipelineDefinitionService, type PipelineDefinitionView } from './pipeline-definition.service';
import { PipelineViewService } from './pipeline-view.service';
import { StageMoveService } from './stage-move.service';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

function version(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const v = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(v)) throw new UserError({ status: 400, code: 'if-match-invalid', title: 'If-Match must be a record version', errors: [{ path: '/headers/if-match', code: 'if-match.invalid', message: 'expected "<version>"' }] });
  return v;
}

/**
 * Stage gates over HTTP:
 *   POST   /api/objects/:object/records/:id/stage            move { stage, reason?, comment? }
 *   GET    /api/objects/:object/records/:id/pipeline         where the record stands, what moves are open
 *   POST   /api/objects/:object/records/:id/checklist/:item  tick off { note?, fileId? }
 *   DELETE /api/objects/:object/records/:id/checklist/:item  reopen
 *   GET    /api/pipelines, /api/pipelines/:key               stages with probability and forecast category
 */
@Controller()
export class PipelinesController {
  constructor(
    private readonly moves: StageMoveService,
    private readonly views: PipelineViewService,
    private readonly checklist: ChecklistService,
    private readonly definitions: PipelineDefinitionService,
  ) {}

  @Post('objects/:object/records/:id/stage')
  @HttpCode(200)
  async move(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Headers('acknowledge-warnings') ack?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RecordPipelineView> {
    const read = new BodyReader(body);
    const stage = read.text('stage', { required: true, pattern: KEY, patternHint: 'a stage key' });
    const reason = read.text('reason', { max: 63 });
    const comment = read.text('comment', { max: 2000 });
    read.done();
    const rid = recordId(id);
    await this.moves.move(actor, object, rid, { to: stage, reason, comment }, {
      acknowledge: ack ? ack.split(',').map((s) => s.trim()).filter(Boolean) : [],
      expectedVersion: version(ifMatch),
      requestId: requestIdOf(req),
    });
    return this.views.view(actor, object, rid);
  }

  @Get('objects/:object/records/:id/pipeline')
  view(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string): Promise<RecordPipelineView> {
    return this.views.view(actor, object, recordId(id));
  }

  @Post('objects/:object/records/:id/checklist/:item')
  @HttpCode(200)
  complete(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Param('item') item: string, @Body() body: unknown, @Req() req: Request): Promise<ChecklistItemView> {
    const read = new BodyReader(body ?? {});
    const note = read.text('note', { max: 2000 });
    const fileId = read.uuid('fileId');
    read.done();
    return this.checklist.complete(actor, object, recordId(id), item, { ...(note && { note }), ...(fileId && { fileId }) }, requestIdOf(req));
  }

  @Delete('objects/:object/records/:id/checklist/:item')
  reopen(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Param('item') item: string, @Req() req: Request): Promise<ChecklistItemView> {
    return this.checklist.reopen(actor, object, recordId(id), item, requestIdOf(req));
  }

  @Get('pipelines')
  async list(@CurrentActor() actor: Actor): Promise<{ items: PipelineDefinitionView[] }> {
    return { items: await this.definitions.list(actor) };
  }

  @Get('pipelines/:key')
  get(@CurrentActor() actor: Actor, @Param('key') key: string): Promise<PipelineDefinitionView> {
    return this.definitions.get(actor, key);
  }
}
