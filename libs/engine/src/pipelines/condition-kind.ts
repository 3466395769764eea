import type { Condition, Label, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { FactNeeds, GateFacts } from './gate-facts';

/** What a gate condition is evaluated against: the record's fields and its facts. */
export interface GateInput {
  /** The record in its API JSON form (money as numbers or decimal strings, dates as ISO strings). */
  record: Readonly<Record<string, unknown>>;
  facts: GateFacts;
}

/** One condition that does not hold, as the API and the path bar show it. */
export interface UnmetCondition {
  kind: Condition['kind'];
  /** The stage whose entry or exit list holds the condition. */
  stage: string;
  /** JSON Pointer into the pipeline document, e.g. /stages/1/exit/0. */
  path: string;
  /** What the condition is about, for the UI to point at. */
  field?: string;
  item?: string;
  category?: string;
  flow?: string;
  object?: string;
  message: Label;
  /** Set when an expression failed to evaluate (timeout, depth): the gate fails closed. */
  error?: { code: string; message: string };
}

/** undefined = met; otherwise what is unmet (one entry, or the unmet parts of an `all`). */
export type ConditionOutcome = readonly UnmetCondition[] | undefined;

/** A condition compiled once per published version. */
export interface CompiledCondition {
  readonly kind: Condition['kind'];
  readonly path: string;
  /** Declarative kinds answer synchronously (plain predicates); expressions return a promise. */
  check(input: GateInput): ConditionOutcome | Promise<ConditionOutcome>;
  readonly needs: FactNeeds;
}

/** Where a condition sits in its pipeline. */
export interface ConditionSite {
  stage: string;
  path: string;
}

/** Labels of things other documents declare (approval flows, related objects). */
export interface GateLabels {
  object(key: string): ObjectDefinition | undefined;
  flow(key: string): Label | undefined;
}

export interface GateCompileContext {
  /** Name of the pipeline document, for expression errors (`pipeline:<key>`). */
  document: string;
  pipeline: PipelineDefinition;
  /** The object whose records move through the pipeline. */
  object: ObjectDefinition;
  expressions: ExpressionCache;
  labels: GateLabels;
  /** Compiles a nested condition (all / any) through the registry. */
  compile(condition: Condition, site: ConditionSite): CompiledCondition;
}

/**
 * How the engine treats one condition kind. Every kind is one `*.condition.ts` file in
 * `conditions/` and one line in the registry; nothing else switches on condition kinds.
 */
export interface ConditionKindDef<C extends Condition = Condition> {
  kind: C['kind'];
  compile(condition: C, site: ConditionSite, ctx: GateCompileContext): CompiledCondition;
}
