import type { AssignOwnerAction } from '@tessera/metadata';
import type { ActionPlanner } from '../action-plan';

/** Carries the rule and the value it looks at; candidates and counts are data the server gathers, picked by assignment/. */
export const assignOwnerPlanner: ActionPlanner<AssignOwnerAction> = {
  kind: 'assignOwner',
  plan: async (a, ctx) => ({ kind: 'assignOwner', action: a, value: a.field !== undefined ? (ctx.record[a.field] ?? null) : null }),
};
