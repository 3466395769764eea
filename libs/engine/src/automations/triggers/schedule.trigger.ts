import type { ScheduleTrigger } from '@tessera/metadata';
import { AUTOMATION_DUE } from '../automation-event';
import type { TriggerKindDef } from '../trigger-kind';

/** Fired by the automation's own schedule timer, once per occurrence and matching record. */
export const scheduleTrigger: TriggerKindDef<ScheduleTrigger> = {
  on: 'schedule',
  events: [AUTOMATION_DUE],
  matches: (_t, { event, automationKey }) => event.type === AUTOMATION_DUE && event.payload.automation === automationKey && event.payload.trigger === 'schedule',
};
