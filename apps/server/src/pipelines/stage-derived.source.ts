import { Injectable } from '@nestjs/common';
import { analyticsPipeline, stageDerivedFields } from '@tessera/engine';
import type { PublishedMetadata } from '../metadata/published-metadata';
import type { DerivedField, DerivedFieldSource } from '../records/record-derived-fields';
import { PipelineCatalog } from './pipeline-catalog';
import { StageHistorySql } from './stage-history.sql';

/**
 * Stage history facts as derived filter fields of objects with a pipeline (see
 * stageDerivedFields in the engine): `<stage field>.entered_at`, `.from` and `.left`. A
 * caller who may not see the stage field may not filter on them either.
 */
@Injectable()
export class StageDerivedSource implements DerivedFieldSource {
  readonly name = 'pipelines.stage-history';

  constructor(
    private readonly catalog: PipelineCatalog,
    private readonly history: StageHistorySql,
  ) {}

  fields(meta: PublishedMetadata, object: string): DerivedField[] {
    const compiled = this.catalog.forObject(meta, object);
    if (!compiled) return [];
    const shape = analyticsPipeline(compiled.pipeline);
    const [enteredAt, from, left] = stageDerivedFields(shape);
    const follows = shape.stageField;
    return [
      { field: enteredAt, follows, rows: (p) => `SELECT s."record_id", s."entered_at" AS "value" FROM (${this.history.currentVisits(object, p)}) s` },
      { field: from, follows, rows: (p) => `SELECT s."record_id", s."from_stage" AS "value" FROM (${this.history.currentVisits(object, p)}) s` },
      { field: left, follows, rows: (p) => `SELECT s."record_id", s."stage" AS "value" FROM (${this.history.completedVisits(object, p)}) s` },
    ];
  }
}
