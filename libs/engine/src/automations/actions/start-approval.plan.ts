import type { StartApprovalAction } from '@tessera/metadata';
import type { ActionPlanner } from '../action-plan';

export const startApprovalPlanner: ActionPlanner<StartApprovalAction> = {
  kind: 'startApproval',
  plan: async (a) => ({ kind: 'startApproval', flow: a.flow }),
};
