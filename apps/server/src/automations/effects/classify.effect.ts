import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { RecordWriteService } from '../../records/record-write.service';
import { automationActor } from './automation-actor';
import type { EffectContext, EffectExecutor } from './effect-executor';

type Classify = Extract<PlannedEffect, { kind: 'classify' }>;

/** Writes the class the rules chose (nothing when no rule matched and there is no otherwise). */
@Injectable()
export class ClassifyEffect implements EffectExecutor<Classify> {
  readonly kind = 'classify';
  constructor(private readonly writes: RecordWriteService) {}

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: Classify, ctx: EffectContext) {
    if (e.value === undefined) return { field: e.field, value: null, unchanged: true };
    const after = await this.writes.update(automationActor(ctx.name), ctx.object, ctx.recordId, { [e.field]: e.value }, { manager: m, requestId: ctx.requestId });
    return { field: e.field, value: after[e.field] ?? null };
  }
}
