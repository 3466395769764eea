import type { RelativeTrigger } from '@tessera/metadata';
import { AUTOMATION_DUE } from '../automation-event';
import type { TriggerKindDef } from '../trigger-kind';

/**
 * Fired by the automation's own timer for the record. The record events that (re)arm
 * that timer are listed too, so the relay hands them to automations.
 */
export const relativeTrigger: TriggerKindDef<RelativeTrigger> = {
  on: 'relative',
  events: [AUTOMATION_DUE, 'record.created', 'record.updated'],
  matches: (_t, { event, automationKey }) => event.type === AUTOMATION_DUE && event.payload.automation === automationKey && event.payload.trigger === 'relative',
};
