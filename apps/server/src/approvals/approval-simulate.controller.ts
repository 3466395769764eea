import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { RequireCapability } from '../identity/require-access.decorator';
import { ApprovalSimulateService, type SimulationResult } from './approval-simulate.service';

/** POST /api/approvals/simulate `{ flow, record, ownerId }`: the route a (draft) flow would take. Publishers only. */
@Controller('approvals')
export class ApprovalSimulateController {
  constructor(private readonly service: ApprovalSimulateService) {}

  @Post('simulate')
  @HttpCode(200)
  @RequireCapability('publish')
  simulate(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<SimulationResult> {
    return this.service.simulate(actor, body);
  }
}
