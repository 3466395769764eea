import { Injectable } from '@nestjs/common';
import type { RecordWriteContext, RecordWriteGuard } from '../records/record-hooks';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { PipelineCatalog } from './pipeline-catalog';
import { createNotFirst, stageFieldReadOnly } from './pipeline-errors';
import { StageEntryWriter } from './stage-entry.writer';
import { StageHistoryRepository } from './stage-history.repository';
import { StageMoveService } from './stage-move.service';

/**
 * The stage field under the pipeline's rules, for writes through the plain record API
 * (runs inside the record write's transaction, so it uses only that transaction):
 *
 * - create: the record starts in the first open stage (the field is set to it when
 *   empty; another stage is refused, except for the system actor placing imported
 *   records), with its first history row and timers;
 * - update: a change of the stage field is refused (422, pointing at the stage
 *   endpoint), unless the stage endpoint itself is writing it. Moves need reasons,
 *   comments and facts a PATCH does not carry, so they have one way in;
 * - delete cancels the stage timers; restore sets them again for the time left.
 */
@Injectable()
export class StageWriteGuard implements RecordWriteGuard {
  readonly name = 'pipelines.stage';

  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: PipelineCatalog,
    private readonly moves: StageMoveService,
    private readonly entries: StageEntryWriter,
    private readonly history: StageHistoryRepository,
  ) {}

  async check(ctx: RecordWriteContext): Promise<void> {
    const compiled = this.catalog.forObject(await this.runtime.get(), ctx.object.object.key);
    if (!compiled) return;
    const field = compiled.pipeline.stageField;
    const object = compiled.object.key;
    const recordId = String(ctx.after.id ?? ctx.before?.id);
    switch (ctx.action) {
      case 'create': {
        const first = compiled.first.stage.key;
        const given = ctx.after[field];
        if (given === undefined || given === null || given === '') {
          // The row about to be inserted: records start in the first stage whether or not the field has that default.
          ctx.after[field] = first;
        } else if (given !== first && (ctx.actor.kind !== 'system' || !compiled.byKey.has(String(given)))) {
          throw createNotFirst(field, first);
        }
        await this.entries.enter(ctx.manager, compiled, recordId, { to: String(ctx.after[field]), from: null, move: 'create', by: ctx.actor.userId });
        return;
      }
      case 'update':
        if (ctx.changed.has(field) && !this.moves.isMoving(ctx.manager)) throw stageFieldReadOnly(object, field);
        return;
      case 'delete':
        await this.entries.disarm(ctx.manager, object, recordId);
        return;
      case 'restore': {
        const visit = await this.history.openVisit(ctx.manager, object, recordId);
        if (visit && !visit.overdueAt) await this.entries.arm(ctx.manager, compiled, visit, true);
        return;
      }
    }
  }
}
