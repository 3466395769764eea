import type { StageEnteredTrigger } from '@tessera/metadata';
import type { TriggerKindDef } from '../trigger-kind';

export const stageEnteredTrigger: TriggerKindDef<StageEnteredTrigger> = {
  on: 'stageEntered',
  events: ['stage.entered'],
  matches: (t, { event }) => event.type === 'stage.entered' && (!t.stages || t.stages.includes(String(event.payload.stage))),
};
