import type { Condition, ObjectDefinition, PipelineDefinition, Stage } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { CompiledCondition, ConditionSite, GateCompileContext, GateLabels } from './condition-kind';
import { conditionKind } from './condition-kind.registry';
import { mergeNeeds, type FactNeeds } from './gate-facts';

export interface CompiledStage {
  stage: Stage;
  index: number;
  /** open, won or lost (the schema's default filled in). */
  type: 'open' | 'won' | 'lost';
  entry: readonly CompiledCondition[];
  exit: readonly CompiledCondition[];
  /** Facts read by the entry and by the exit conditions. */
  entryNeeds: FactNeeds;
  exitNeeds: FactNeeds;
}

/** A pipeline ready to evaluate, built once per published version. */
export interface CompiledPipeline {
  pipeline: PipelineDefinition;
  /** `pipeline:<key>`, as expression errors name it. */
  document: string;
  object: ObjectDefinition;
  stages: readonly CompiledStage[];
  byKey: ReadonlyMap<string, CompiledStage>;
  /** The stage records start in: the first open stage. */
  first: CompiledStage;
  /** Facts any gate of the pipeline may read (the read API evaluates every available move). */
  needs: FactNeeds;
}

export interface PipelineCompileOptions {
  object: ObjectDefinition;
  expressions: ExpressionCache;
  labels?: Partial<GateLabels>;
}

/**
 * Compiles every entry and exit condition of a pipeline: declarative kinds become plain
 * predicates, expression kinds JSONata from the version's ExpressionCache. Throws an
 * ExpressionError for an expression that does not parse (lint catches it before publish).
 */
export function compilePipeline(pipeline: PipelineDefinition, options: PipelineCompileOptions): CompiledPipeline {
  const document = `pipeline:${pipeline.key}`;
  const labels: GateLabels = { object: options.labels?.object ?? (() => undefined), flow: options.labels?.flow ?? (() => undefined) };
  const ctx: GateCompileContext = {
    document,
    pipeline,
    object: options.object,
    expressions: options.expressions,
    labels,
    compile: (condition: Condition, site: ConditionSite) => conditionKind(condition).compile(condition, site, ctx),
  };
  const stages = pipeline.stages.map((stage, index): CompiledStage => {
    const list = (which: 'entry' | 'exit') => (stage[which] ?? []).map((c, i) => ctx.compile(c, { stage: stage.key, path: `/stages/${index}/${which}/${i}` }));
    const entry = list('entry');
    const exit = list('exit');
    return {
      stage,
      index,
      type: stage.type ?? 'open',
      entry,
      exit,
      entryNeeds: mergeNeeds(entry.map((c) => c.needs)),
      exitNeeds: mergeNeeds(exit.map((c) => c.needs)),
    };
  });
  const first = stages.find((s) => s.type === 'open') ?? stages[0];
  return {
    pipeline,
    document,
    object: options.object,
    stages,
    byKey: new Map(stages.map((s) => [s.stage.key, s])),
    first,
    needs: mergeNeeds(stages.flatMap((s) => [s.entryNeeds, s.exitNeeds])),
  };
}
