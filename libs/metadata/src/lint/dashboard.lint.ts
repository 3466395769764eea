import type { MetadataIssue } from '../issues/metadata-issue';
import type { DashboardDefinition, PipelineDefinition, Widget } from '../metadata.generated';
import { resolveField } from '../fields/field.resolve';
import { lintCondition } from './condition.lint';
import { duplicateKeys, error, recordScope, requireField, requireObject, requirePipeline, requireRole, show, type RecordScope } from './lint.context';
import type { MetadataIndex } from './metadata.index';

type WidgetLinter<W extends Widget> = (widget: W, at: string, index: MetadataIndex, issues: MetadataIssue[]) => RecordScope | undefined;

function pipelineScope(key: string, at: string, index: MetadataIndex, issues: MetadataIssue[]): (RecordScope & { pipeline: PipelineDefinition }) | undefined {
  const pipeline = requirePipeline(index, key, at + '/pipeline', issues);
  const object = pipeline && index.objects.get(pipeline.object);
  return object && { ...recordScope(index, object), pipeline };
}

function requireStageOf(scope: RecordScope & { pipeline: PipelineDefinition }, key: string | undefined, at: string, issues: MetadataIssue[]) {
  if (key !== undefined && !scope.pipeline.stages.some((s) => s.key === key)) issues.push(error(at, 'ref.unknown-stage', `stage ${show(key)} does not exist in pipeline ${show(scope.pipeline.key)}`));
}

function measureField(w: { measure?: string; field?: string }, scope: RecordScope, at: string, issues: MetadataIssue[]) {
  if (w.measure === 'sum' || w.measure === 'avg') {
    if (w.field === undefined) issues.push(error(at + '/field', 'dashboard.measure-field', `measure ${w.measure} needs the numeric field it aggregates`));
    else requireField(scope, scope.object.key, w.field, at + '/field', issues, ['number'], `measure ${w.measure}`);
  }
}

const DIMENSIONS = ['choice', 'user', 'record', 'orgUnit', 'boolean', 'date'] as const;

/** One checker per widget type; each returns the scope its where filters apply to. */
const WIDGET_LINTERS: { [T in Widget['type']]: WidgetLinter<Extract<Widget, { type: T }>> } = {
  funnel: (w, at, index, issues) => {
    const scope = pipelineScope(w.pipeline, at, index, issues);
    if (scope && w.measure === 'amount' && !scope.pipeline.amountField) issues.push(error(at + '/measure', 'dashboard.no-amount', `pipeline ${show(w.pipeline)} has no amountField to sum`));
    return scope;
  },
  stageDwell: (w, at, index, issues) => pipelineScope(w.pipeline, at, index, issues),
  conversionTrend: (w, at, index, issues) => {
    const scope = pipelineScope(w.pipeline, at, index, issues);
    if (scope) {
      requireStageOf(scope, w.from, at + '/from', issues);
      requireStageOf(scope, w.to, at + '/to', issues);
    }
    return scope;
  },
  weightedForecast: (w, at, index, issues) => {
    const scope = pipelineScope(w.pipeline, at, index, issues);
    if (scope && (!scope.pipeline.amountField || !scope.pipeline.closeDateField)) {
      issues.push(error(at + '/pipeline', 'dashboard.no-forecast-fields', `pipeline ${show(w.pipeline)} needs amountField and closeDateField for a forecast`));
    }
    if (scope && w.groupBy !== undefined) requireField(scope, scope.object.key, w.groupBy, at + '/groupBy', issues, DIMENSIONS, 'a grouping');
    return scope;
  },
  overdueList: (w, at, index, issues) => {
    const scope = pipelineScope(w.pipeline, at, index, issues);
    if (scope) w.columns.forEach((c, i) => requireField(scope, scope.object.key, c, `${at}/columns/${i}`, issues));
    return scope;
  },
  heatmap: (w, at, index, issues) => {
    const object = requireObject(index, w.object, at + '/object', issues);
    if (!object) return undefined;
    const scope = recordScope(index, object);
    if (w.measure === 'lossRate') {
      // Loss rate is stage × one dimension: the rows are the stages of the object's pipeline.
      if (!scope.pipeline) issues.push(error(at + '/measure', 'ref.no-pipeline', `object ${show(object.key)} has no pipeline, so it has no loss rate by stage`));
      else if (w.rows !== scope.pipeline.stageField) issues.push(error(at + '/rows', 'dashboard.loss-rate-rows', `a loss-rate heatmap has the stages as rows: rows must be ${show(scope.pipeline.stageField)}`));
      if (w.field !== undefined) issues.push(error(at + '/field', 'dashboard.measure-field', 'lossRate aggregates no field'));
    } else requireField(scope, object.key, w.rows, at + '/rows', issues, DIMENSIONS, 'a heatmap dimension');
    requireField(scope, object.key, w.columns, at + '/columns', issues, DIMENSIONS, 'a heatmap dimension');
    measureField(w, scope, at, issues);
    return scope;
  },
  kpi: (w, at, index, issues) => {
    const object = requireObject(index, w.object, at + '/object', issues);
    if (!object) return undefined;
    const scope = recordScope(index, object);
    if (w.figure !== undefined) {
      if ((w.measure !== undefined && w.measure !== 'count') || w.field !== undefined) issues.push(error(at + '/figure', 'dashboard.kpi-figure-measure', 'a KPI shows a figure or a measure of a field, not both'));
      if (!scope.pipeline) issues.push(error(at + '/figure', 'ref.no-pipeline', `object ${show(object.key)} has no pipeline, so it has no figure ${show(w.figure)}`));
      else if (MONEY_FIGURES.has(w.figure) && (!scope.pipeline.amountField || (FORECAST_FIGURES.has(w.figure) && !scope.pipeline.closeDateField))) {
        issues.push(error(at + '/figure', 'dashboard.no-forecast-fields', `figure ${show(w.figure)} needs the pipeline's amountField${FORECAST_FIGURES.has(w.figure) ? ' and closeDateField' : ''}`));
      }
    }
    measureField(w, scope, at, issues);
    return scope;
  },
  health: (w, at, index, issues) => {
    const scope = pipelineScope(w.pipeline, at, index, issues);
    if (scope && w.followUp) {
      const via = requireField(scope, w.followUp.object, w.followUp.via, at + '/followUp/via', issues, ['record'], 'a follow-up');
      const target = index.objects.get(w.followUp.object)?.fields.find((f) => f.key === w.followUp?.via);
      if (via && target?.type === 'relation' && target.target !== scope.object.key) {
        issues.push(error(at + '/followUp/via', 'ref.field-type', `${w.followUp.object}.${w.followUp.via} points at ${show(target.target)}, not at ${show(scope.object.key)}`));
      }
    }
    return scope;
  },
};

const FORECAST_FIGURES = new Set(['weighted', 'conservative', 'neutral', 'optimistic']);
const MONEY_FIGURES = new Set([...FORECAST_FIGURES, 'openAmount', 'wonAmount']);

/** The object a widget counts records of (for its date field and the dashboard's filters). */
function widgetObject(w: Widget, index: MetadataIndex): string | undefined {
  return 'object' in w && typeof w.object === 'string' ? w.object : 'pipeline' in w && typeof w.pipeline === 'string' ? index.pipelines.get(w.pipeline)?.object : undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Widgets refer to pipelines, stages and fields that exist and fit their measure. */
export function lintDashboard(dashboard: DashboardDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  (dashboard.roles ?? []).forEach((r, i) => requireRole(index, r, `/roles/${i}`, issues));
  issues.push(...duplicateKeys(dashboard.widgets, '/widgets', (w) => w.key, 'key', 'widget.duplicate', 'widget'));
  if (dashboard.timeZone !== undefined && !isTimeZone(dashboard.timeZone)) issues.push(error('/timeZone', 'dashboard.time-zone', `unknown time zone ${show(dashboard.timeZone)} (an IANA name such as Asia/Shanghai)`));
  dashboard.widgets.forEach((w, i) => {
    const at = `/widgets/${i}`;
    const scope = (WIDGET_LINTERS[w.type] as WidgetLinter<Widget>)(w, at, index, issues);
    if (scope) (w.where ?? []).forEach((c, j) => issues.push(...lintCondition(c, scope, `${at}/where/${j}`)));
    if (scope && w.dateField !== undefined) requireField(scope, scope.object.key, w.dateField, at + '/dateField', issues, ['date', 'datetime'], 'the period');
  });
  const objects = [...new Set(dashboard.widgets.map((w) => widgetObject(w, index)).filter((o): o is string => o !== undefined))];
  // An object that failed its schema was reported already; its fields cannot be judged.
  const judged = !objects.some((o) => index.invalid.has(`object:${o}`));
  (judged ? (dashboard.filters ?? []) : []).forEach((key, i) => {
    const fits = objects.some((o) => {
      const field = resolveField(index, o, key);
      return field !== undefined && (DIMENSIONS as readonly string[]).includes(field.valueClass);
    });
    if (!fits) issues.push(error(`/filters/${i}`, 'ref.unknown-field', `no widget's object has a field ${show(key)} to filter by (owner_id, org_unit_id, a select or user field)`));
  });
  return issues;
}
