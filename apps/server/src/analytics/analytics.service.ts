import { Injectable } from '@nestjs/common';
import {
  ANALYTICS_QUERIES,
  aggregateFigures,
  analyticsPipeline,
  anyOf,
  drill,
  dwellFigures,
  forecastFigures,
  funnelFigures,
  healthFigures,
  heatmapFigures,
  inRange,
  overdueFilter,
  parseAnalyticsRequest,
  periodFilter,
  stagePosition,
  trendFigures,
  type AggregateRow,
  type AnalyticsPipeline,
  type AnalyticsQuery,
  type AnalyticsRequest,
  type AnalyticsResult,
  type CompiledObject,
  type DwellDoneRow,
  type FilterPart,
  type ForecastRow,
  type OverdueResult,
  type Period,
  type RawAnalyticsParams,
} from '@tessera/engine';
import type { Field } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { ApprovalTimingSql } from '../approvals/approval-timing.sql';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { IdentityService } from '../identity/identity.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';
import { PipelineCatalog } from '../pipelines/pipeline-catalog';
import { StageHistorySql } from '../pipelines/stage-history.sql';
import { unknownObject } from '../records/record-errors';
import { RecordReadService } from '../records/record-read.service';
import { RecordSetService, type RecordSet } from '../records/record-set.service';
import { badParam, fieldHidden, noPipeline, unknownQuery } from './analytics-errors';
import type { AnalyticsSources, SqlStatement } from './analytics-sources';
import { DimensionLabels } from './dimension-labels';
import { aggregateSql } from './sql/aggregate.sql';
import { dwellSql, thresholdsSql } from './sql/dwell.sql';
import { forecastSql } from './sql/forecast.sql';
import { actionsOnTimeSql, approvalResponseSql, followUpSql, salesCycleSql } from './sql/health.sql';
import { overdueSql } from './sql/overdue.sql';
import { stageGroupsSql } from './sql/stage-groups.sql';
import { trendSql } from './sql/trend.sql';

export interface RunOptions {
  /** `export` scopes the records by the export right (CSV downloads). */
  action?: 'read' | 'export';
  /** The time zone when the request names none (a dashboard's). */
  timeZone?: string;
  now?: Date;
}

/** Queries that place records in the request's period by their date field. */
const COHORT: readonly AnalyticsQuery[] = ['funnel', 'dwell', 'heatmap', 'aggregate', 'overdue'];
/** Field types a dimension (heatmap column, forecast split, aggregate row or column) may have. */
const DIMENSION_TYPES = new Set(['select', 'user', 'relation', 'boolean', 'date']);
const NUMERIC_TYPES = new Set(['number', 'currency', 'percent', 'rollup']);

interface Target {
  meta: PublishedMetadata;
  compiled: CompiledObject;
  pipeline?: AnalyticsPipeline;
}

/**
 * Analytics over an object's records, always inside the caller's row scope and field
 * access, always computed in SQL: the records module renders the caller's record set,
 * pipelines and approvals render their history, the builders in sql/ join and group
 * them, and the engine turns the groups into figures, each with the list filter that
 * selects its records. Read-only, no transaction: every query is one statement except
 * where noted.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: MetadataRuntime,
    private readonly catalog: PipelineCatalog,
    private readonly records: RecordSetService,
    private readonly reads: RecordReadService,
    private readonly history: StageHistorySql,
    private readonly approvals: ApprovalTimingSql,
    private readonly identity: IdentityService,
    private readonly labels: DimensionLabels,
  ) {}

  async run(actor: Actor, object: string, query: string, raw: RawAnalyticsParams, options: RunOptions = {}): Promise<AnalyticsResult> {
    if (!(ANALYTICS_QUERIES as readonly string[]).includes(query)) throw unknownQuery(query);
    const now = options.now ?? new Date();
    const parsed = parseAnalyticsRequest(query as AnalyticsQuery, raw, now, { timeZone: options.timeZone });
    if (!parsed.request) throw new UserError({ status: 400, code: 'query-invalid', title: 'The analytics query is invalid', errors: parsed.errors });
    const req = parsed.request;
    const target = await this.target(object, req.query);
    const dateKind = this.dateKind(target.compiled, req.dateField);
    const parts: FilterPart[] = [...req.filters, ...(await this.unitPart(req.unit))];
    if (COHORT.includes(req.query) && req.period) {
      const period = periodFilter(req.dateField, dateKind, req.period, req.timeZone);
      if (period) parts.push({ path: req.period.from ? '/from' : '/to', filter: period });
    }
    const set = await this.records.open(actor, object, parts, options.action ?? 'read');
    if (req.query === 'aggregate') return this.aggregate(set, req);
    const pipeline = target.pipeline as AnalyticsPipeline;
    if (!set.field(pipeline.stageField)) throw fieldHidden(object, pipeline.stageField, 'Stage analytics');
    const sources: AnalyticsSources = { set, history: this.history, approvals: this.approvals, pipeline };
    switch (req.query) {
      case 'funnel':
        return this.funnel(sources);
      case 'heatmap':
        return this.heatmap(sources, req);
      case 'dwell':
        return this.dwell(sources, now);
      case 'trend':
        return this.trend(sources, req, dateKind);
      case 'forecast':
        return this.forecast(sources, req);
      case 'overdue':
        return this.overdue(actor, sources, req, now);
      case 'health':
        return this.health(actor, sources, req, parts, target.meta, options.action ?? 'read', now);
    }
    throw unknownQuery(query);
  }

  private async funnel(s: AnalyticsSources) {
    const amount = s.pipeline.amountField && s.set.field(s.pipeline.amountField) ? s.pipeline.amountField : undefined;
    const rows = await this.query<{ stage: string | null; fromStage: string | null; count: number; amount: string | null }>(stageGroupsSql(s, { amount }));
    return funnelFigures(s.pipeline, rows, s.set.filter, amount !== undefined);
  }

  private async heatmap(s: AnalyticsSources, req: AnalyticsRequest) {
    const dimension = req.dimension as string;
    const field = this.dimension(s.set, dimension, 'dimension');
    const rows = await this.query<{ stage: string | null; fromStage: string | null; value: string | boolean | null; count: number; amount: null }>(stageGroupsSql(s, { dimension }));
    return heatmapFigures(s.pipeline, dimension, rows, await this.labels.of(field, rows.map((r) => r.value)), s.set.filter);
  }

  private async dwell(s: AnalyticsSources, now: Date) {
    const thresholds = await this.thresholds(s.pipeline, now);
    const rows = await this.query<Omit<DwellDoneRow, 'medianSeconds' | 'p90Seconds'> & { part: 'done' | 'open'; percentiles: number[] | null; current: number; overdue: number }>(dwellSql(s, thresholds));
    const done = rows.filter((r) => r.part === 'done').map((r) => ({ ...r, medianSeconds: r.percentiles?.[0] ?? null, p90Seconds: r.percentiles?.[1] ?? null }));
    return dwellFigures(s.pipeline, done, rows.filter((r) => r.part === 'open'), thresholds, now, s.set.filter);
  }

  private async trend(s: AnalyticsSources, req: AnalyticsRequest, dateKind: 'date' | 'datetime') {
    const position = (param: 'fromStage' | 'toStage', fallback: number) => {
      const key = req[param];
      if (key === undefined) return fallback;
      const at = stagePosition(s.pipeline, key);
      if (at === 0) throw badParam(param, 'param.stage', `${key} is not an open or won stage of ${s.pipeline.key}`);
      return at;
    };
    const options = { interval: req.interval, dateField: req.dateField, dateKind, fromPosition: position('fromStage', 1), toPosition: position('toStage', s.pipeline.open.length + 1) };
    const rows = await this.query<{ newBucket: number | null; closedBucket: number | null; stage: string | null; fromStage: string | null; count: number }>(trendSql(s, req.buckets, req.dateField, dateKind));
    return trendFigures(s.pipeline, req.buckets, rows, options, s.set.filter);
  }

  private async forecast(s: AnalyticsSources, req: AnalyticsRequest) {
    const { amountField, closeDateField, object } = s.pipeline;
    if (!amountField || !closeDateField) throw new UserError({ status: 422, code: 'no-forecast-fields', title: 'The pipeline has no amount or close date', detail: `pipeline ${s.pipeline.key} needs amountField and closeDateField for a forecast` });
    for (const f of [amountField, closeDateField]) if (!s.set.field(f)) throw fieldHidden(object, f, 'The forecast');
    const closeKind = s.set.field(closeDateField)?.type === 'datetime' ? 'datetime' : 'date';
    const group = req.groupBy ? this.dimension(s.set, req.groupBy, 'groupBy') : undefined;
    const rows = await this.query<ForecastRow>(forecastSql(s, req.buckets, closeKind, req.groupBy));
    const values = group ? await this.labels.of(group, rows.map((r) => r.value ?? null)) : undefined;
    return forecastFigures(s.pipeline, req.buckets, req.interval, rows, s.set.filter, group && values ? { field: req.groupBy as string, values } : undefined, closeKind);
  }

  private async aggregate(set: RecordSet, req: AnalyticsRequest) {
    const field = req.measure === 'count' ? undefined : req.field;
    if (field !== undefined) {
      const f = set.field(field);
      const type = f?.type === 'formula' ? f.resultType : f?.type;
      if (!f || !NUMERIC_TYPES.has(type ?? '')) throw badParam('field', 'param.field', `${set.object}.${field} is not a number field you may read`);
    }
    const rows = req.rows ? this.dimension(set, req.rows, 'rows') : undefined;
    const columns = req.columns ? this.dimension(set, req.columns, 'columns') : undefined;
    const decimals = field !== undefined && set.field(field)?.type === 'currency' ? 2 : 4;
    const result = await this.query<AggregateRow & { grouping: number }>(aggregateSql(set, { field, decimals, rows: req.rows, columns: req.columns }));
    const grouped = rows || columns;
    const cells = grouped ? result.filter((r) => r.grouping === 0) : [];
    const total = (grouped ? result.find((r) => r.grouping !== 0) : result[0]) ?? { count: 0, sum: null, avg: null };
    return aggregateFigures({
      object: set.object,
      measure: req.measure,
      field: field ?? null,
      rows: rows ? { field: rows.key, values: await this.labels.of(rows, cells.map((c) => c.row ?? null)) } : null,
      columns: columns ? { field: columns.key, values: await this.labels.of(columns, cells.map((c) => c.column ?? null)) } : null,
      groups: cells,
      total,
      base: set.filter,
    });
  }

  /** Records over their stage's timeout (two statements: the list, then the records through the record API's read path). */
  private async overdue(actor: Actor, s: AnalyticsSources, req: AnalyticsRequest, now: Date): Promise<OverdueResult> {
    const thresholds = await this.thresholds(s.pipeline, now);
    const stages = [...thresholds].map(([stage, threshold]) => ({ stage, threshold, timeout: s.pipeline.byKey.get(stage)?.timeout as string }));
    const rows = stages.length ? await this.query<{ id: string; stage: string; enteredAt: Date; dueAt: Date; total: number }>(overdueSql(s, stages, req.limit)) : [];
    const fields = (req.fields ?? [s.set.compiled.object.titleField, s.pipeline.amountField, 'owner_id'].filter((f): f is string => !!f && !!s.set.field(f)));
    for (const f of fields) if (!s.set.field(f)) throw badParam('fields', 'param.field', `${s.set.object} has no field ${f} you may read`);
    const page = rows.length
      ? await this.reads.list(actor, s.set.object, { filter: { field: 'id', op: 'in', value: rows.map((r) => r.id) }, ...(fields.length && { fields: fields.join(',') }), limit: rows.length })
      : { items: [] };
    const byId = new Map(page.items.map((r) => [String(r.id), r]));
    return {
      query: 'overdue',
      object: s.set.object,
      pipeline: s.pipeline.key,
      asOf: now.toISOString(),
      fields,
      total: { count: rows[0]?.total ?? 0, filter: drill(s.set.filter, anyOf(...stages.map((x) => overdueFilter(s.pipeline, x.stage, x.threshold)))) },
      rows: rows.map((r) => ({
        id: r.id,
        stage: r.stage,
        enteredAt: new Date(r.enteredAt).toISOString(),
        dueAt: new Date(r.dueAt).toISOString(),
        record: Object.fromEntries(fields.map((f) => [f, byId.get(r.id)?.[f] ?? null])),
      })),
      where: s.set.filter ?? null,
    };
  }

  /** The process-health report: four statements, each over its own period. */
  private async health(actor: Actor, s: AnalyticsSources, req: AnalyticsRequest, parts: FilterPart[], meta: PublishedMetadata, action: 'read' | 'export', now: Date) {
    const period = req.period as Period;
    const baseline = req.baseline as Period;
    const leads = await this.records.open(actor, s.set.object, [...parts, { path: '/from', filter: inRange('created_at', period.from.toISOString(), period.to.toISOString()) }], action);
    let related: string | undefined;
    if (req.followUp) {
      const target = meta.compiledObject(req.followUp.object)?.fields.get(req.followUp.via);
      if (target?.type !== 'relation' || target.target !== s.set.object) throw badParam('followUp', 'param.follow-up', `${req.followUp.object}.${req.followUp.via} is not a relation to ${s.set.object}`);
      related = await this.records.relatedSql(req.followUp.object, req.followUp.via);
    }
    const [followUp] = await this.query<{ leads: number; followedUp: number; avgSeconds: number | null; medianSeconds: number | null }>(followUpSql(s, leads, related === undefined ? undefined : () => related as string));
    const hasChecklist = s.pipeline.stages.some((x) => x.checklist.length > 0);
    const actions = hasChecklist ? await this.query<{ stage: string; due: number; onTime: number }>(actionsOnTimeSql(s, period, now)) : [];
    const approvals = await this.query<{ flow: string; step: string; responses: number; avgSeconds: number | null; medianSeconds: number | null }>(approvalResponseSql(s, period));
    const [cycle] = await this.query<{ currentWon: number; currentAvgSeconds: number | null; baselineWon: number; baselineAvgSeconds: number | null }>(salesCycleSql(s, period, baseline));
    const flow = (key: string) => meta.document('approvalFlow', key);
    return healthFigures(
      s.pipeline,
      {
        period,
        baseline,
        followUpBy: req.followUp ? `${req.followUp.object}.${req.followUp.via}` : 'stage',
        followUp,
        leadsFilter: drill(leads.filter),
        actions,
        approvals,
        labels: { flow: (k) => flow(k)?.label ?? null, step: (f, k) => flow(f)?.steps.find((x) => x.key === k)?.label ?? null },
        cycle,
      },
      s.set.filter,
    );
  }

  private async target(object: string, query: AnalyticsQuery): Promise<Target> {
    const meta = await this.runtime.get();
    const compiled = meta.compiledObject(object);
    if (!compiled) throw unknownObject(object);
    const compiledPipeline = this.catalog.forObject(meta, object);
    if (!compiledPipeline && query !== 'aggregate') throw noPipeline(object);
    return { meta, compiled, ...(compiledPipeline && { pipeline: analyticsPipeline(compiledPipeline.pipeline) }) };
  }

  /** The kind of the date field that places records in the period (created_at by default). */
  private dateKind(compiled: CompiledObject, key: string): 'date' | 'datetime' {
    if (key === 'created_at' || key === 'updated_at') return 'datetime';
    const f = compiled.fields.get(key);
    const type = f?.type === 'formula' ? f.resultType : f?.type;
    if (type === 'date' || type === 'datetime') return type;
    throw badParam('dateField', 'param.date-field', `${compiled.object.key}.${key} is not a date or datetime field`);
  }

  /** A visible field that can group records. */
  private dimension(set: RecordSet, key: string, param: string): Field {
    const f = set.field(key);
    const ok = f && (DIMENSION_TYPES.has(f.type) || ['owner_id', 'org_unit_id', 'created_by', 'updated_by'].includes(key));
    if (!f || !ok) throw badParam(param, 'param.dimension', `${set.object}.${key} cannot group records here (owner_id, org_unit_id, a select, user, relation, boolean or date field you may read)`);
    return f;
  }

  /** `unit`: records filed under the org unit or below it. */
  private async unitPart(unit: string | undefined): Promise<FilterPart[]> {
    if (!unit) return [];
    const ids = await this.identity.descendants(unit);
    if (ids.length === 0) throw badParam('unit', 'param.unit', `no org unit ${unit}`);
    return [{ path: '/unit', filter: ids.length === 1 ? { field: 'org_unit_id', op: 'eq', value: ids[0] } : { field: 'org_unit_id', op: 'in', value: ids } }];
  }

  /** asOf minus each timed stage's timeout (ISO instants). */
  private async thresholds(p: AnalyticsPipeline, now: Date): Promise<Map<string, string>> {
    const timeouts = new Map(p.stages.filter((s) => s.timeout).map((s) => [s.key, s.timeout as string]));
    if (timeouts.size === 0) return new Map();
    const rows = await this.query<{ stage: string; threshold: Date }>(thresholdsSql(now, timeouts));
    return new Map(rows.map((r) => [r.stage, new Date(r.threshold).toISOString()]));
  }

  private query<T>(sql: SqlStatement): Promise<T[]> {
    return this.dataSource.query(sql.text, sql.values);
  }
}
