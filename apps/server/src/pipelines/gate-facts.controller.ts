import { Controller, Get, Param, Query } from '@nestjs/common';
import type { GateFacts } from '@tessera/engine';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { RequireCapability } from '../identity/require-access.decorator';
import { recordIdParam } from '../common/uuid';
import { parseRelated, RecordGateFactsService } from './record-gate-facts.service';

/**
 * GET /api/objects/:object/records/:id/gate-facts?related=[…]: what a stage move would
 * gather about the record, for the designer to run a draft pipeline's gate in the
 * browser. Designers only (`design` capability); the record is read in the caller's row scope.
 */
@Controller()
export class GateFactsController {
  constructor(private readonly service: RecordGateFactsService) {}

  @Get('objects/:object/records/:id/gate-facts')
  @RequireCapability('design')
  facts(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Query('related') related?: string): Promise<GateFacts> {
    return this.service.read(actor, object, recordIdParam(id), parseRelated(related));
  }
}
