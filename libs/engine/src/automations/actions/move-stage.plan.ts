import type { MoveStageAction } from '@tessera/metadata';
import type { ActionPlanner } from '../action-plan';

export const moveStagePlanner: ActionPlanner<MoveStageAction> = {
  kind: 'moveStage',
  plan: async (a) => ({ kind: 'moveStage', stage: a.stage, force: a.force ?? false, ...(a.reason !== undefined && { reason: a.reason }) }),
};
