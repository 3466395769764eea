import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { PermanentJobError } from '../../jobs/job';
import type { EffectExecutor } from './effect-executor';

type MoveStage = Extract<PlannedEffect, { kind: 'moveStage' }>;

/** Stage moves go through the pipelines module's gate, which offers no move inside another module's transaction yet. */
@Injectable()
export class MoveStageEffect implements EffectExecutor<MoveStage> {
  readonly kind = 'moveStage';

  async apply(): Promise<Record<string, unknown>> {
    throw new PermanentJobError('moveStage actions are not run by automations yet: the pipelines module has no system move');
  }
}
