import { Injectable } from '@nestjs/common';
import type { SqlParams } from '../records/sql/sql-params';

/**
 * Relations over `stage_history` and `checklist_item_state` for other modules' aggregate
 * queries (analytics, derived filter fields): SQL text with bound values, never a table
 * name outside this module. Every relation is about one object's records.
 */
@Injectable()
export class StageHistorySql {
  /** Every stay: record_id, stage, from_stage, entered_at, exited_at (null while it lasts). */
  visits(object: string, p: SqlParams): string {
    return `SELECT v."record_id", v."stage", v."from_stage", v."entered_at", v."exited_at" FROM "stage_history" v WHERE v."object" = ${p.add(object)}`;
  }

  /** Completed stays: record_id, stage, entered_at, exited_at. */
  completedVisits(object: string, p: SqlParams): string {
    return `${this.visits(object, p)} AND v."exited_at" IS NOT NULL`;
  }

  /**
   * Current stays (at most one per record): record_id, stage, from_stage, entered_at;
   * only those in `stages` when given (the stays of lost records, say).
   */
  currentVisits(object: string, p: SqlParams, stages?: readonly string[]): string {
    return `${this.visits(object, p)} AND v."exited_at" IS NULL${stages ? ` AND v."stage" = ANY(${p.add(stages, 'text[]')})` : ''}`;
  }

  /** Checklist items ticked off: record_id, item, done_at. */
  checklistDone(object: string, p: SqlParams): string {
    return `SELECT c."record_id", c."item", c."done_at" FROM "checklist_item_state" c WHERE c."object" = ${p.add(object)}`;
  }
}
