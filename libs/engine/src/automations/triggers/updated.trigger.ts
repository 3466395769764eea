import type { UpdatedTrigger } from '@tessera/metadata';
import type { TriggerKindDef } from '../trigger-kind';

/** Any committed update of a field (a stage move writes the stage field, so it is one too). */
export const updatedTrigger: TriggerKindDef<UpdatedTrigger> = {
  on: 'updated',
  events: ['record.updated'],
  matches: (_t, { event }) => event.type === 'record.updated',
};
