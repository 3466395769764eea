import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { StageMoveService, type PreparedStageMove } from '../../pipelines/stage-move.service';
import { automationActor } from './automation-actor';
import type { EffectContext, EffectExecutor } from './effect-executor';

type MoveStage = Extract<PlannedEffect, { kind: 'moveStage' }>;

/**
 * Moves the record through the pipelines module: the move rules always, the gate unless
 * the action says `force`. The gate's facts are read before the run's transaction; a
 * blocked move fails the action (422 problems in the run log), it is not forced.
 */
@Injectable()
export class MoveStageEffect implements EffectExecutor<MoveStage, PreparedStageMove> {
  readonly kind = 'moveStage';
  constructor(private readonly moves: StageMoveService) {}

  prepare(e: MoveStage, ctx: EffectContext): Promise<PreparedStageMove> {
    return this.moves.prepare(automationActor(ctx.name), ctx.object, ctx.recordId, { to: e.stage, reason: e.reason ?? null }, e.force);
  }

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: MoveStage, ctx: EffectContext, prepared: PreparedStageMove) {
    const visit = await this.moves.apply(prepared, { manager: m, requestId: ctx.requestId });
    return { stage: e.stage, from: prepared.from, forced: e.force, visitId: visit.id };
  }
}
