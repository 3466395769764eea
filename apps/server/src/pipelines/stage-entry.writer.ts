import { Injectable } from '@nestjs/common';
import type { CompiledPipeline } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '../outbox/outbox.service';
import { TimersService } from '../timers/timers.service';
import { StageHistoryRepository, type StageVisitRow } from './stage-history.repository';

/** Timer kinds of stage timeouts: the due time, and the reminder before it. */
export const STAGE_TIMEOUT = 'stage.timeout';
export const STAGE_WARNING = 'stage.warn';
export const STAGE_TIMER_KINDS = [STAGE_TIMEOUT, STAGE_WARNING] as const;

/** What the stage timers carry: enough to check, when they fire, that the visit is still the one they were set for. */
export interface StageTimerReference {
  pipeline: string;
  stage: string;
  visitId: string;
}

export interface StageEntry {
  to: string;
  from: string | null;
  move: StageVisitRow['move'];
  by: string | null;
  reason?: string | null;
  comment?: string | null;
  requestId?: string | null;
}

/**
 * The bookkeeping of a record entering a stage, always inside the caller's transaction
 * (the stage write, a record's create): close the open visit, open the new one, replace
 * the stage timers, write `stage.entered`. Leaving a stage thus cancels its timers and
 * clears its overdue flag in the same commit.
 */
@Injectable()
export class StageEntryWriter {
  constructor(
    private readonly history: StageHistoryRepository,
    private readonly timers: TimersService,
    private readonly outbox: OutboxService,
  ) {}

  async enter(m: EntityManager, compiled: CompiledPipeline, recordId: string, e: StageEntry): Promise<StageVisitRow> {
    const object = compiled.object.key;
    // Timers before the visit: the same lock order as a firing timer (timer row, then visit row).
    await this.timers.cancel(m, object, recordId, STAGE_TIMER_KINDS);
    await this.history.exitOpen(m, object, recordId, e.by);
    const visit = await this.history.enter(m, {
      object, recordId, pipeline: compiled.pipeline.key, stage: e.to, fromStage: e.from, move: e.move, by: e.by, reason: e.reason, comment: e.comment,
    });
    await this.arm(m, compiled, visit);
    await this.outbox.append(m, [{
      type: 'stage.entered',
      object,
      recordId,
      payload: { pipeline: compiled.pipeline.key, stage: e.to, from: e.from, move: e.move, reason: e.reason ?? null, comment: e.comment ?? null, visitId: visit.id },
      actorId: e.by,
      requestId: e.requestId ?? null,
    }]);
    return visit;
  }

  /**
   * Schedules the timeout (and its reminder) of the visit's stage, counted from the
   * visit's entry: at entry that is now; after a restore, the remaining time.
   */
  async arm(m: EntityManager, compiled: CompiledPipeline, visit: StageVisitRow, fromEntry = false): Promise<void> {
    const timeout = compiled.byKey.get(visit.stage)?.stage.timeout;
    if (!timeout) return;
    const reference: StageTimerReference = { pipeline: compiled.pipeline.key, stage: visit.stage, visitId: visit.id };
    const from = fromEntry ? new Date(visit.enteredAt) : undefined;
    const base = { object: compiled.object.key, recordId: visit.recordId, reference: { ...reference } };
    await this.timers.schedule(m, [
      { ...base, kind: STAGE_TIMEOUT, due: { after: timeout.after, from } },
      ...(timeout.warnBefore ? [{ ...base, kind: STAGE_WARNING, due: { after: timeout.after, before: timeout.warnBefore, from } }] : []),
    ]);
  }

  disarm(m: EntityManager, object: string, recordId: string): Promise<number> {
    return this.timers.cancel(m, object, recordId, STAGE_TIMER_KINDS);
  }
}
