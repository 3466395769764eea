import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type Db = EntityManager | DataSource;

/** Evidence of a done item: a note, a file of the record, or both. */
export interface ChecklistEvidence {
  note?: string;
  fileId?: string;
}

export interface ChecklistStateRow {
  item: string;
  doneAt: Date;
  doneBy: string | null;
  evidence: ChecklistEvidence;
}

/** Every statement on `checklist_item_state`: a row exists while an item is done. */
@Injectable()
export class ChecklistStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forRecord(db: Db, object: string, recordId: string): Promise<ChecklistStateRow[]> {
    const rows = await db.query(`SELECT "item", "done_at", "done_by", "evidence" FROM "checklist_item_state" WHERE "object" = $1 AND "record_id" = $2::uuid`, [object, recordId]);
    return rows.map((r: Record<string, unknown>) => ({ item: r.item, doneAt: r.done_at, doneBy: r.done_by, evidence: r.evidence }) as ChecklistStateRow);
  }

  /** Marks an item done (again: the latest completion replaces the earlier one). */
  async complete(m: EntityManager, object: string, recordId: string, item: string, by: string | null, evidence: ChecklistEvidence): Promise<ChecklistStateRow> {
    const rows = await m.query(
      `INSERT INTO "checklist_item_state" ("object", "record_id", "item", "done_by", "evidence") VALUES ($1, $2::uuid, $3, $4::uuid, $5::jsonb)
       ON CONFLICT ("object", "record_id", "item") DO UPDATE SET "done_at" = now(), "done_by" = EXCLUDED."done_by", "evidence" = EXCLUDED."evidence"
       RETURNING "item", "done_at", "done_by", "evidence"`,
      [object, recordId, item, by, JSON.stringify(evidence)],
    );
    const r = rows[0];
    return { item: r.item, doneAt: r.done_at, doneBy: r.done_by, evidence: r.evidence };
  }

  /** Reopens an item; false when it was not done. */
  async reopen(m: EntityManager, object: string, recordId: string, item: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await m.query(`DELETE FROM "checklist_item_state" WHERE "object" = $1 AND "record_id" = $2::uuid AND "item" = $3`, [object, recordId, item]);
    return count > 0;
  }
}
