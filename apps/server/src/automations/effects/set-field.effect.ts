import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { RecordWriteService } from '../../records/record-write.service';
import { automationActor } from './automation-actor';
import type { EffectExecutor } from './effect-executor';

type SetField = Extract<PlannedEffect, { kind: 'setField' }>;

/** Writes fields of the record through the records module (validated, guarded, history, outbox). */
@Injectable()
export class SetFieldEffect implements EffectExecutor<SetField> {
  readonly kind = 'setField';
  constructor(private readonly writes: RecordWriteService) {}

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: SetField, ctx: Parameters<EffectExecutor['apply']>[2]) {
    await this.writes.update(automationActor(ctx.name), ctx.object, ctx.recordId, e.values, { manager: m, requestId: ctx.requestId });
    return { fields: Object.keys(e.values) };
  }
}
