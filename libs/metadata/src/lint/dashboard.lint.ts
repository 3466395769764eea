import type { MetadataIssue } from '../issues/metadata-issue';
import type { DashboardDefinition, PipelineDefinition, Widget } from '../metadata.generated';
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
    requireField(scope, object.key, w.rows, at + '/rows', issues, DIMENSIONS, 'a heatmap dimension');
    requireField(scope, object.key, w.columns, at + '/columns', issues, DIMENSIONS, 'a heatmap dimension');
    measureField(w, scope, at, issues);
    return scope;
  },
  kpi: (w, at, index, issues) => {
    const object = requireObject(index, w.object, at + '/object', issues);
    if (!object) return undefined;
    const scope = recordScope(index, object);
    measureField(w, scope, at, issues);
    if (w.dateField !== undefined) requireField(scope, object.key, w.dateField, at + '/dateField', issues, ['date', 'datetime'], 'the period');
    return scope;
  },
};

/** Widgets refer to pipelines, stages and fields that exist and fit their measure. */
export function lintDashboard(dashboard: DashboardDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  (dashboard.roles ?? []).forEach((r, i) => requireRole(index, r, `/roles/${i}`, issues));
  issues.push(...duplicateKeys(dashboard.widgets, '/widgets', (w) => w.key, 'key', 'widget.duplicate', 'widget'));
  dashboard.widgets.forEach((w, i) => {
    const at = `/widgets/${i}`;
    const scope = (WIDGET_LINTERS[w.type] as WidgetLinter<Widget>)(w, at, index, issues);
    if (scope) (w.where ?? []).forEach((c, j) => issues.push(...lintCondition(c, scope, `${at}/where/${j}`)));
  });
  return issues;
}
