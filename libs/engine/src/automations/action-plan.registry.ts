import type { Action } from '@tessera/metadata';
import type { ActionPlanner, PlanContext, PlannedEffect } from './action-plan';
import { assignOwnerPlanner } from './actions/assign-owner.plan';
import { classifyPlanner } from './actions/classify.plan';
import { createRecordPlanner } from './actions/create-record.plan';
import { moveStagePlanner } from './actions/move-stage.plan';
import { notifyPlanner } from './actions/notify.plan';
import { setFieldPlanner } from './actions/set-field.plan';
import { startApprovalPlanner } from './actions/start-approval.plan';
import { webhookPlanner } from './actions/webhook.plan';

type Registry = { [K in Action['kind']]: ActionPlanner<Extract<Action, { kind: K }>> };

/** Every action kind the engine plans, keyed by kind. Adding a kind = one file + one line here. */
export const ACTION_PLANNERS: Registry = {
  setField: setFieldPlanner,
  createRecord: createRecordPlanner,
  notify: notifyPlanner,
  webhook: webhookPlanner,
  startApproval: startApprovalPlanner,
  assignOwner: assignOwnerPlanner,
  classify: classifyPlanner,
  moveStage: moveStagePlanner,
};

/** Plans one action; throws an ExpressionError when one of its expressions fails. */
export function planAction(action: Action, ctx: PlanContext): Promise<PlannedEffect> {
  const planner = ACTION_PLANNERS[action.kind] as ActionPlanner<Action> | undefined;
  if (!planner) throw new Error(`unknown action kind ${JSON.stringify((action as { kind: unknown }).kind)}`);
  return planner.plan(action, ctx);
}
