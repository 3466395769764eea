import type { Action, AssignOwnerAction, Label, ObjectDefinition, Principal } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { CompiledCondition } from '../pipelines/condition-kind';
import type { AutomationConditionInput } from './automation-condition';
import type { AutomationEvent } from './automation-event';

/**
 * What one action will do, computed from the record before anything is written: plain
 * data the server applies in the run's transaction. Expressions are evaluated here.
 */
export type PlannedEffect =
  | { kind: 'setField'; values: Record<string, unknown> }
  | { kind: 'createRecord'; object: string; values: Record<string, unknown> }
  | { kind: 'notify'; to: readonly Principal[]; title: Label; body: Label | null }
  | { kind: 'webhook'; url: string; secret?: string; timeoutMs: number; retries: number; body: unknown }
  | { kind: 'startApproval'; flow: string }
  | { kind: 'assignOwner'; action: AssignOwnerAction; value: unknown }
  | { kind: 'classify'; field: string; value: string | undefined }
  | { kind: 'moveStage'; stage: string; force: boolean; reason?: string };

/** Everything a planner may read. */
export interface PlanContext {
  /** `automation:<key>` (or the document the actions come from), for expression errors. */
  document: string;
  /** JSON Pointer of the action in that document, e.g. /actions/2. */
  path: string;
  object: ObjectDefinition;
  record: Readonly<Record<string, unknown>>;
  event: AutomationEvent;
  expressions: ExpressionCache;
  /** The condition input (record, facts, previous values, event), for classify rules. */
  conditionInput: AutomationConditionInput;
  /** The compiled rules of a classify action. */
  classifyRules?: readonly CompiledCondition[];
}

/**
 * How the engine plans one action kind. Every kind is one `*.plan.ts` file in
 * `actions/` and one line in the registry.
 */
export interface ActionPlanner<A extends Action = Action> {
  kind: A['kind'];
  plan(action: A, ctx: PlanContext): Promise<PlannedEffect>;
}
