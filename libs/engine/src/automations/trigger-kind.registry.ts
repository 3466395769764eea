import type { AutomationDefinition, Trigger } from '@tessera/metadata';
import type { TriggerInput } from './automation-event';
import type { TriggerKindDef } from './trigger-kind';
import { approvalFinishedTrigger } from './triggers/approval-finished.trigger';
import { createdTrigger } from './triggers/created.trigger';
import { fieldChangedTrigger } from './triggers/field-changed.trigger';
import { fileAttachedTrigger } from './triggers/file-attached.trigger';
import { relativeTrigger } from './triggers/relative.trigger';
import { scheduleTrigger } from './triggers/schedule.trigger';
import { stageEnteredTrigger } from './triggers/stage-entered.trigger';
import { stageOverdueTrigger } from './triggers/stage-overdue.trigger';
import { updatedTrigger } from './triggers/updated.trigger';

type Registry = { [K in Trigger['on']]: TriggerKindDef<Extract<Trigger, { on: K }>> };

/** Every trigger kind the engine knows, keyed by `on`. Adding a kind = one file + one line here. */
export const TRIGGER_KINDS: Registry = {
  created: createdTrigger,
  updated: updatedTrigger,
  fieldChanged: fieldChangedTrigger,
  stageEntered: stageEnteredTrigger,
  stageOverdue: stageOverdueTrigger,
  approvalFinished: approvalFinishedTrigger,
  schedule: scheduleTrigger,
  relative: relativeTrigger,
  fileAttached: fileAttachedTrigger,
};

export function triggerKind(trigger: Trigger): TriggerKindDef<Trigger> {
  const def = TRIGGER_KINDS[trigger.on] as TriggerKindDef<Trigger> | undefined;
  if (!def) throw new Error(`unknown trigger kind ${JSON.stringify((trigger as { on: unknown }).on)}`);
  return def;
}

/** Whether the event (about a record of the automation's object) fires the automation. Disabled automations never fire. */
export function matchesTrigger(automation: AutomationDefinition, input: Omit<TriggerInput, 'automationKey'>): boolean {
  if (automation.enabled === false || input.event.object !== automation.object) return false;
  return triggerKind(automation.trigger).matches(automation.trigger, { ...input, automationKey: automation.key });
}

/** Whether an event of this type may concern the automation at all (cheap pre-filter, before the record is read). */
export function listensTo(automation: AutomationDefinition, eventType: string): boolean {
  return automation.enabled !== false && triggerKind(automation.trigger).events.includes(eventType);
}
