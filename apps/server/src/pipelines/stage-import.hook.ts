import { Injectable } from '@nestjs/common';
import type { SynthesizedStay } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { RecordImportContext, RecordImportHook } from '../records/record-import-hooks';
import { TimersService } from '../timers/timers.service';
import { PipelineCatalog } from './pipeline-catalog';
import { STAGE_TIMEOUT, type StageTimerReference } from './stage-entry.writer';

/**
 * Imported records (pack demo data) are placed in their stage without a move: each gets
 * its open visit, entered when the record counts as created — or, when the importer hands
 * on a made-up past (`STAGE_PATH`, demo data with `stageHistory`), the closed stays of
 * that past too, so dwell times, conversion and loss rates have history. A stay already past its stage timeout is flagged overdue at once, without
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
    const stays: Stay[] = [];
    for (const r of ctx.rows) {
      const stage = r[field];
      if (typeof stage !== 'string' || !compiled.byKey.has(stage)) continue;
      const recordId = String(r.id);
      const path = ctx.hookData.get(recordId)?.[STAGE_PATH] as SynthesizedStay[] | undefined;
      // A made-up past (demo data) ends in the record's stage; otherwise one stay, entered when the record counts as created.
      const visits = path?.length && path[path.length - 1].stage === stage ? path : [{ stage, from: null, move: 'create' as const, enteredAt: new Date(r.created_at as string | Date), exitedAt: null, reason: null }];
      for (const v of visits) stays.push({ ...v, id: uuidv7(), recordId, after: v.exitedAt === null ? (compiled.byKey.get(v.stage)!.stage.timeout?.after ?? null) : null });
    }
    if (stays.length === 0) return;
    const due = await this.insertVisits(ctx.manager, compiled.object.key, compiled.pipeline.key, stays, ctx.actorId);
    const pending = stays.filter((v) => v.after !== null && !due.has(v.id));
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

  /** One multi-row insert; returns the ids of the open stays already overdue (flagged, no timer). */
  private async insertVisits(m: EntityManager, object: string, pipeline: string, stays: readonly Stay[], by: string): Promise<Set<string>> {
    const params: unknown[] = [object, pipeline, by];
    const add = (v: unknown) => `$${params.push(v)}`;
    // PostgreSQL reads ISO 8601 durations (P7D, PT8H) as intervals.
    const tuples = stays.map((v) => {
      const entered = `${add(v.enteredAt.toISOString())}::timestamptz`;
      const after = v.after === null ? 'NULL::interval' : `${add(v.after)}::interval`;
      const exited = v.exitedAt ? `${add(v.exitedAt.toISOString())}::timestamptz` : 'NULL::timestamptz';
      return `(${add(v.id)}::uuid, $1, ${add(v.recordId)}::uuid, $2, ${add(v.stage)}, ${add(v.from)}, ${add(v.move)}, ${entered}, $3::uuid,
        ${exited}, ${v.exitedAt ? '$3::uuid' : 'NULL::uuid'}, ${add(v.reason)}, CASE WHEN ${entered} + ${after} <= now() THEN ${entered} + ${after} END)`;
    });
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO "stage_history" ("id", "object", "record_id", "pipeline", "stage", "from_stage", "move", "entered_at", "entered_by", "exited_at", "exited_by", "reason", "overdue_at")
       VALUES ${tuples.join(', ')} RETURNING "id", "overdue_at"`,
      params,
    ).then((r: Array<{ id: string; overdue_at: Date | null }>) => r.filter((x) => x.overdue_at !== null));
    return new Set(rows.map((r) => r.id));
  }
}

/** The key of `ImportRecordInput.hookData` under which an importer hands on a made-up stage history. */
export const STAGE_PATH = 'stagePath';

type Stay = SynthesizedStay & { id: string; recordId: string; after: string | null };
