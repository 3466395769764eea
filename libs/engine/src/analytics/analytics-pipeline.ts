import type { Label, PipelineDefinition, Stage } from '@tessera/metadata';

export type ForecastCategory = Stage['forecastCategory'];

/** One stage as analytics reads it. */
export interface AnalyticsStage {
  key: string;
  label: Label;
  type: 'open' | 'won' | 'lost';
  /** Percent, 0-100. */
  probability: number;
  category: ForecastCategory;
  /** ISO 8601 duration a record may stay (open stages with a timeout). */
  timeout?: string;
  /** Keys of the stage's checklist items (its required actions). */
  checklist: string[];
}

/**
 * A pipeline reduced to what its figures need: the open stages in order, the won and
 * lost stages, the fields forecasts read. Built from the metadata alone.
 */
export interface AnalyticsPipeline {
  key: string;
  object: string;
  stageField: string;
  amountField?: string;
  closeDateField?: string;
  stages: AnalyticsStage[];
  byKey: ReadonlyMap<string, AnalyticsStage>;
  open: string[];
  won: string[];
  lost: string[];
}

export function analyticsPipeline(pipeline: PipelineDefinition): AnalyticsPipeline {
  const stages: AnalyticsStage[] = pipeline.stages.map((s) => ({
    key: s.key,
    label: s.label,
    type: s.type ?? 'open',
    probability: s.probability,
    category: s.forecastCategory,
    ...(s.timeout && (s.type ?? 'open') === 'open' ? { timeout: s.timeout.after } : {}),
    checklist: (s.checklist ?? []).map((c) => c.key),
  }));
  const of = (type: AnalyticsStage['type']) => stages.filter((s) => s.type === type).map((s) => s.key);
  return {
    key: pipeline.key,
    object: pipeline.object,
    stageField: pipeline.stageField,
    amountField: pipeline.amountField,
    closeDateField: pipeline.closeDateField,
    stages,
    byKey: new Map(stages.map((s) => [s.key, s])),
    open: of('open'),
    won: of('won'),
    lost: of('lost'),
  };
}

/** Open stages whose records count in forecasts (every open stage not marked omitted). */
export const forecastStages = (p: AnalyticsPipeline): AnalyticsStage[] => p.stages.filter((s) => s.type === 'open' && s.category !== 'omitted');
