import { Injectable } from '@nestjs/common';
import type { SqlParams } from '../records/sql/sql-params';

/** Task actions that are an approver's own decision (not a hand-over, a timeout or a cancellation). */
export const DECISION_ACTIONS = ['approve', 'reject', 'return'] as const;

/**
 * Relations over `approval_task` and `approval_instance` for other modules' aggregate
 * queries (the health report's approval response time): SQL text with bound values.
 */
@Injectable()
export class ApprovalTimingSql {
  /**
   * Approver decisions on records of `object`, one row per decided task: record_id, flow,
   * step, created_at (when the task reached the approver) and acted_at (when they decided).
   */
  decisions(object: string, p: SqlParams): string {
    return `SELECT i."record_id", i."flow", t."step", t."created_at", t."acted_at"
      FROM "approval_task" t JOIN "approval_instance" i ON i."id" = t."instance_id"
      WHERE i."object" = ${p.add(object)} AND t."acted_at" IS NOT NULL AND t."action" = ANY(${p.add([...DECISION_ACTIONS], 'text[]')})`;
  }
}
