import type { ApprovalFlowDefinition, ApprovalStep, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { CompiledCondition, GateLabels } from '../pipelines/condition-kind';
import { conditionContext } from '../pipelines/condition-kind.registry';
import { mergeNeeds, type FactNeeds } from '../pipelines/gate-facts';

export interface CompiledApprovalStep {
  step: ApprovalStep;
  /** Index in the flow's steps (pointers: /steps/<index>). */
  index: number;
  /** The step's condition; absent = the step always applies. */
  when?: CompiledCondition;
}

/** An approval flow of one published version, ready to start instances. */
export interface CompiledApprovalFlow {
  flow: ApprovalFlowDefinition;
  /** `approvalFlow:<key>`, as expression errors name it. */
  document: string;
  /** The published metadata version the flow comes from (instances pin it). */
  version: number;
  object: ObjectDefinition;
  /** Entry criteria (start.when). */
  entry?: CompiledCondition;
  /** The automatic start on save (start.onSave). */
  onSave?: CompiledCondition;
  steps: CompiledApprovalStep[];
  /** Facts the entry criteria and the step conditions read, so the server gathers nothing more. */
  needs: FactNeeds;
}

export interface ApprovalFlowCompileOptions {
  object: ObjectDefinition;
  /** The object's pipeline, when it has one (checklist conditions name its items). */
  pipeline?: PipelineDefinition;
  expressions: ExpressionCache;
  version: number;
  labels?: Partial<GateLabels>;
}

/**
 * Compiles the entry criteria and every step condition of a flow through the stage-gate
 * condition registry (pipelines/condition-kind.registry): the same condition kinds, the
 * same messages, declarative kinds as plain predicates and expressions through the
 * version's ExpressionCache. A condition's `stage` in its report is the step key.
 */
export function compileApprovalFlow(flow: ApprovalFlowDefinition, options: ApprovalFlowCompileOptions): CompiledApprovalFlow {
  const document = `approvalFlow:${flow.key}`;
  const ctx = conditionContext({ document, ...options });
  const start = flow.start ?? {};
  const entry = start.when && ctx.compile(start.when, { stage: '', path: '/start/when' });
  const onSave = start.onSave && ctx.compile(start.onSave, { stage: '', path: '/start/onSave' });
  const steps = flow.steps.map((step, index): CompiledApprovalStep => ({
    step,
    index,
    ...(step.when && { when: ctx.compile(step.when, { stage: step.key, path: `/steps/${index}/when` }) }),
  }));
  const conditions = [entry, ...steps.map((s) => s.when)].filter((c): c is CompiledCondition => c !== undefined);
  return { flow, document, version: options.version, object: options.object, entry, onSave, steps, needs: mergeNeeds(conditions.map((c) => c.needs)) };
}
