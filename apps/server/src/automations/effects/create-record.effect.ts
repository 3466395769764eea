import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { RecordWriteService } from '../../records/record-write.service';
import { automationActor } from './automation-actor';
import type { EffectContext, EffectExecutor } from './effect-executor';

type CreateRecord = Extract<PlannedEffect, { kind: 'createRecord' }>;

/** Creates a record (a follow-up task) owned by the triggering record's owner. */
@Injectable()
export class CreateRecordEffect implements EffectExecutor<CreateRecord> {
  readonly kind = 'createRecord';
  constructor(private readonly writes: RecordWriteService) {}

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: CreateRecord, ctx: EffectContext) {
    const actor = automationActor(ctx.name, { userId: ctx.record.owner_id, orgUnitId: ctx.record.org_unit_id });
    const created = await this.writes.create(actor, e.object, e.values, { manager: m, requestId: ctx.requestId });
    return { object: e.object, id: created.id };
  }
}
