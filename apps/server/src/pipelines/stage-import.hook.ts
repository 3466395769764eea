import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { RecordImportContext, RecordImportHook } from '../records/record-import-hooks';
import { TimersService } from '../timers/timers.service';
import { PipelineCatalog } from './pipeline-catalog';
import { STAGE_TIMEOUT, type StageTimerReference } from './stage-entry.writer';

/**
 * Imported records (pack demo data) are placed in their stage without a move: each gets
 * its open visit, entered when the record counts as created, so dwell times and funnels
 * have history. A stay already past its stage timeout is flagged overdue at once, without
 * running the timeout's actions (an import must not send hundreds of alerts); one still
 * within it gets its timeout timer like any entry.
 */
@Injectable()
export class StageImportHook implements RecordImportHook {
  readonly name = 'pipelines.stage-import';

  constructor(
    private readonly catalog: PipelineCatalog,
    private readonly timers: TimersService,
  ) {}

  async afterImport(ctx: RecordImportContext): Promise<void> {
    const compiled = this.catalog.forObject(ctx.meta, ctx.object.object.key);
    if (!compiled) return;
    const field = compiled.pipeline.stageField;
    const visits = ctx.rows
      .filter((r) => typeof r[field] === 'string' && compiled.byKey.has(r[field] as string))
      .map((r) => {
        const stage = r[field] as string;
        return { id: uuidv7(), recordId: String(r.id), stage, enteredAt: new Date(r.created_at as string | Date), after: compiled.byKey.get(stage)!.stage.timeout?.after ?? null };
      });
    if (visits.length === 0) return;
    const due = await this.insertVisits(ctx.manager, compiled.object.key, compiled.pipeline.key, visits, ctx.actorId);
    const pending = visits.filter((v) => v.after !== null && !due.has(v.id));
    if (pending.length === 0) return;
    await this.timers.schedule(
      ctx.manager,
      pending.map((v) => ({
        kind: STAGE_TIMEOUT,
        due: { after: v.after!, from: v.enteredAt },
        object: compiled.object.key,
        recordId: v.recordId,
        reference: { pipeline: compiled.pipeline.key, stage: v.stage, visitId: v.id } satisfies StageTimerReference,
      })),
    );
  }

  /** One multi-row insert; returns the ids of the visits already overdue (flagged, no timer). */
  private async insertVisits(
    m: EntityManager, object: string, pipeline: string,
    visits: ReadonlyArray<{ id: string; recordId: string; stage: string; enteredAt: Date; after: string | null }>, by: string,
  ): Promise<Set<string>> {
    const params: unknown[] = [object, pipeline, by];
    const add = (v: unknown) => `$${params.push(v)}`;
    // PostgreSQL reads ISO 8601 durations (P7D, PT8H) as intervals.
    const tuples = visits.map((v) => {
      const entered = `${add(v.enteredAt.toISOString())}::timestamptz`;
      const after = v.after === null ? 'NULL::interval' : `${add(v.after)}::interval`;
      return `(${add(v.id)}::uuid, $1, ${add(v.recordId)}::uuid, $2, ${add(v.stage)}, NULL, 'create', ${entered}, $3::uuid,
        CASE WHEN ${entered} + ${after} <= now() THEN ${entered} + ${after} END)`;
    });
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO "stage_history" ("id", "object", "record_id", "pipeline", "stage", "from_stage", "move", "entered_at", "entered_by", "overdue_at")
       VALUES ${tuples.join(', ')} RETURNING "id", "overdue_at"`,
      params,
    ).then((r: Array<{ id: string; overdue_at: Date | null }>) => r.filter((x) => x.overdue_at !== null));
    return new Set(rows.map((r) => r.id));
  }
}
