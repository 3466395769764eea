import { Injectable } from '@nestjs/common';
import type { StageMoveKind } from '@tessera/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';

type Db = EntityManager | DataSource;

export interface StageVisitRow {
  id: string;
  object: string;
  recordId: string;
  pipeline: string;
  stage: string;
  fromStage: string | null;
  move: StageMoveKind | 'create';
  enteredAt: Date;
  enteredBy: string | null;
  exitedAt: Date | null;
  exitedBy: string | null;
  reason: string | null;
  comment: string | null;
  overdueAt: Date | null;
}

export interface NewVisit {
  object: string;
  recordId: string;
  pipeline: string;
  stage: string;
  fromStage: string | null;
  move: StageVisitRow['move'];
  by: string | null;
  reason?: string | null;
  comment?: string | null;
}

const COLUMNS = `"id", "object", "record_id", "pipeline", "stage", "from_stage", "move", "entered_at", "entered_by", "exited_at", "exited_by", "reason", "comment", "overdue_at"`;

const toVisit = (r: Record<string, unknown>): StageVisitRow => ({
  id: r.id as string,
  object: r.object as string,
  recordId: r.record_id as string,
  pipeline: r.pipeline as string,
  stage: r.stage as string,
  fromStage: r.from_stage as string | null,
  move: r.move as StageVisitRow['move'],
  enteredAt: r.entered_at as Date,
  enteredBy: r.entered_by as string | null,
  exitedAt: r.exited_at as Date | null,
  exitedBy: r.exited_by as string | null,
  reason: r.reason as string | null,
  comment: r.comment as string | null,
  overdueAt: r.overdue_at as Date | null,
});

/**
 * Every statement on `stage_history`. Entry and exit of one move share the transaction's
 * now(), so a record's history has no gaps.
 */
@Injectable()
export class StageHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Closes the open visit, if any; returns it. */
  async exitOpen(m: EntityManager, object: string, recordId: string, by: string | null): Promise<StageVisitRow | undefined> {
    const [rows]: [Array<Record<string, unknown>>, number] = await m.query(
      `UPDATE "stage_history" SET "exited_at" = now(), "exited_by" = $3::uuid WHERE "object" = $1 AND "record_id" = $2::uuid AND "exited_at" IS NULL RETURNING ${COLUMNS}`,
      [object, recordId, by],
    );
    return rows[0] && toVisit(rows[0]);
  }

  async enter(m: EntityManager, v: NewVisit): Promise<StageVisitRow> {
    const rows = await m.query(
      `INSERT INTO "stage_history" ("id", "object", "record_id", "pipeline", "stage", "from_stage", "move", "entered_by", "reason", "comment")
       VALUES ($1, $2, $3::uuid, $4, $5, $6, $7, $8::uuid, $9, $10) RETURNING ${COLUMNS}`,
      [uuidv7(), v.object, v.recordId, v.pipeline, v.stage, v.fromStage, v.move, v.by, v.reason ?? null, v.comment ?? null],
    );
    return toVisit(rows[0]);
  }

  async openVisit(db: Db, object: string, recordId: string): Promise<StageVisitRow | undefined> {
    const rows = await db.query(`SELECT ${COLUMNS} FROM "stage_history" WHERE "object" = $1 AND "record_id" = $2::uuid AND "exited_at" IS NULL`, [object, recordId]);
    return rows[0] && toVisit(rows[0]);
  }

  /** The open visit, locked: a timer firing and a move of the same record take turns. */
  async lockOpenVisit(m: EntityManager, object: string, recordId: string): Promise<StageVisitRow | undefined> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM "stage_history" WHERE "object" = $1 AND "record_id" = $2::uuid AND "exited_at" IS NULL FOR UPDATE`, [object, recordId]);
    return rows[0] && toVisit(rows[0]);
  }

  async visits(db: Db, object: string, recordId: string): Promise<StageVisitRow[]> {
    const rows = await db.query(`SELECT ${COLUMNS} FROM "stage_history" WHERE "object" = $1 AND "record_id" = $2::uuid ORDER BY "entered_at", "id"`, [object, recordId]);
    return rows.map(toVisit);
  }

  /** Raises the overdue flag of an open visit; false when it was raised already or the visit is closed. */
  async markOverdue(m: EntityManager, visitId: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await m.query(
      `UPDATE "stage_history" SET "overdue_at" = now() WHERE "id" = $1::uuid AND "exited_at" IS NULL AND "overdue_at" IS NULL`,
      [visitId],
    );
    return count > 0;
  }
}
