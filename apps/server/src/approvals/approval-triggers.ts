import { Injectable } from '@nestjs/common';
import { EMPTY_FACTS, type CompiledCondition } from '@tessera/engine';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { RecordWriteContext } from '../records/record-hooks';
import { TimersService } from '../timers/timers.service';
import { ApprovalFlowCatalog, type FlowEntry } from './approval-flow.catalog';
import { ApprovalRepository } from './approval.repository';

/** Timer kind of an automatic start: due at once, fired after the write that caused it commits. */
export const APPROVAL_START = 'approval.start';

export interface StartTimerReference {
  flow: string;
  trigger: 'save' | 'stage';
  /** The user whose write started it: the instance's submitter. */
  by: string;
}

const holds = async (c: CompiledCondition, record: Readonly<Record<string, unknown>>): Promise<boolean> => (await c.check({ record, facts: EMPTY_FACTS })) === undefined;

/**
 * Automatic starts. Inside a record write's transaction (through the lock guard) this
 * decides whether the write starts a flow: the record entered one of the flow's
 * onStageEnter stages, or the save made its onSave condition true (it held not before:
 * editing an unrelated field of an approved quote does not start another approval). The
 * start itself is a timer due at once, written in the same transaction: it runs after
 * the write commits, survives a crash, and resolves approvers outside any transaction.
 */
@Injectable()
export class ApprovalTriggers {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: ApprovalFlowCatalog,
    private readonly repo: ApprovalRepository,
    private readonly timers: TimersService,
  ) {}

  async afterWrite(ctx: RecordWriteContext): Promise<void> {
    const objectKey = ctx.object.object.key;
    const flows = (await this.catalog.flowsOf(objectKey)).filter((e) => e.flow.start?.onSave || e.flow.start?.onStageEnter?.length);
    if (flows.length === 0) return;
    const recordId = String(ctx.after.id);
    const starts: Array<{ entry: FlowEntry; trigger: StartTimerReference['trigger'] }> = [];
    for (const entry of flows) {
      const trigger = (await this.enteredStage(ctx, entry)) ? 'stage' : (await this.madeTrue(ctx, entry)) ? 'save' : undefined;
      if (trigger) starts.push({ entry, trigger });
    }
    if (starts.length === 0) return;
    const pending = new Set((await this.repo.pendingOn(ctx.manager, objectKey, recordId)).map((i) => i.flow));
    const due = starts.filter((s) => !pending.has(s.entry.flow.key));
    await this.timers.schedule(
      ctx.manager,
      due.map((s) => ({
        kind: APPROVAL_START,
        due: { after: 'PT0S' },
        object: objectKey,
        recordId,
        reference: { flow: s.entry.flow.key, trigger: s.trigger, by: ctx.actor.userId } satisfies StartTimerReference,
      })),
    );
  }

  private async enteredStage(ctx: RecordWriteContext, entry: FlowEntry): Promise<boolean> {
    const stages = entry.flow.start?.onStageEnter;
    if (!stages?.length) return false;
    const pipeline = (await this.runtime.get()).ofKind('pipeline').find((p) => p.object === entry.flow.object);
    if (!pipeline || !ctx.changed.has(pipeline.stageField)) return false;
    return stages.includes(String(ctx.after[pipeline.stageField]));
  }

  private async madeTrue(ctx: RecordWriteContext, entry: FlowEntry): Promise<boolean> {
    const condition = entry.compiled.onSave;
    if (!condition || !(await holds(condition, ctx.after))) return false;
    return ctx.action === 'create' || !ctx.before || !(await holds(condition, ctx.before));
  }
}
