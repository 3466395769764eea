import type { CreatedTrigger } from '@tessera/metadata';
import type { TriggerKindDef } from '../trigger-kind';

export const createdTrigger: TriggerKindDef<CreatedTrigger> = {
  on: 'created',
  events: ['record.created'],
  matches: (_t, { event }) => event.type === 'record.created',
};
