import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { AssignOwnerEffect } from './assign-owner.effect';
import { ClassifyEffect } from './classify.effect';
import { CreateRecordEffect } from './create-record.effect';
import type { EffectExecutor } from './effect-executor';
import { MoveStageEffect } from './move-stage.effect';
import { NotifyEffect } from './notify.effect';
import { SetFieldEffect } from './set-field.effect';
import { StartApprovalEffect } from './start-approval.effect';
import { WebhookEffect } from './webhook.effect';

export const EFFECT_PROVIDERS = [SetFieldEffect, CreateRecordEffect, NotifyEffect, WebhookEffect, StartApprovalEffect, AssignOwnerEffect, ClassifyEffect, MoveStageEffect];

/** The executor of every planned effect kind, keyed by kind. */
@Injectable()
export class EffectExecutors {
  private readonly byKind: Map<string, EffectExecutor>;

  constructor(
    setField: SetFieldEffect,
    createRecord: CreateRecordEffect,
    notify: NotifyEffect,
    webhook: WebhookEffect,
    startApproval: StartApprovalEffect,
    assignOwner: AssignOwnerEffect,
    classify: ClassifyEffect,
    moveStage: MoveStageEffect,
  ) {
    const all = [setField, createRecord, notify, webhook, startApproval, assignOwner, classify, moveStage] as unknown as EffectExecutor[];
    this.byKind = new Map(all.map((e) => [e.kind, e]));
  }

  of(effect: PlannedEffect): EffectExecutor {
    const executor = this.byKind.get(effect.kind);
    if (!executor) throw new Error(`no executor for ${effect.kind}`);
    return executor;
  }
}
