import type { StageOverdueTrigger } from '@tessera/metadata';
import type { TriggerKindDef } from '../trigger-kind';

export const stageOverdueTrigger: TriggerKindDef<StageOverdueTrigger> = {
  on: 'stageOverdue',
  events: ['stage.overdue'],
  matches: (t, { event }) => event.type === 'stage.overdue' && (!t.stages || t.stages.includes(String(event.payload.stage))),
};
