import type { ApprovalFinishedTrigger } from '@tessera/metadata';
import type { TriggerKindDef } from '../trigger-kind';

export const approvalFinishedTrigger: TriggerKindDef<ApprovalFinishedTrigger> = {
  on: 'approvalFinished',
  events: ['approval.finished'],
  matches: (t, { event }) =>
    event.type === 'approval.finished' && event.payload.flow === t.flow && ((t.outcome ?? 'any') === 'any' || event.payload.outcome === t.outcome),
};
