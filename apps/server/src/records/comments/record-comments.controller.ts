import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Actor } from '../../identity/actor';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { recordIdParam } from '../../common/uuid';
import { RecordCommentsService, type RecordComment } from './record-comments.service';

/** /api/objects/:object/records/:id/comments — the conversation on a record. */
@Controller('objects/:object/records/:id/comments')
export class RecordCommentsController {
  constructor(private readonly comments: RecordCommentsService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string): Promise<{ items: RecordComment[] }> {
    return { items: await this.comments.list(actor, object, recordIdParam(id)) };
  }

  @Post()
  add(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Body() body: { body?: unknown }): Promise<RecordComment> {
    return this.comments.add(actor, object, recordIdParam(id), body ?? {});
  }

  @Delete(':commentId')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Param('commentId') commentId: string): Promise<void> {
    await this.comments.remove(actor, object, recordIdParam(id), recordIdParam(commentId));
  }
}
