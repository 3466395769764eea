import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import type { Actor } from '../../identity/actor';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { SavedViewsService, type SavedView } from './saved-views.service';

/** /api/objects/:object/views — the caller's own saved views of a record list. */
@Controller('objects/:object/views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Param('object') object: string): Promise<{ items: SavedView[] }> {
    return { items: await this.views.list(actor, object) };
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Param('object') object: string, @Body() body: { name?: unknown; definition?: unknown }): Promise<SavedView> {
    return this.views.create(actor, object, body ?? {});
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Body() body: { name?: unknown; definition?: unknown }): Promise<SavedView> {
    return this.views.update(actor, object, id, body ?? {});
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string): Promise<void> {
    await this.views.remove(actor, object, id);
  }
}
