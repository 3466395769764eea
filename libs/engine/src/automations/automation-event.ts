/**
 * An event as automations see it: an outbox event (record.created, record.updated,
 * stage.entered, stage.overdue, approval.finished, file.attached) or a due time of an
 * automation's own (automation.due, from a schedule or relative timer).
 */
export interface AutomationEvent {
  id: string;
  type: string;
  object: string | null;
  recordId: string | null;
  payload: Readonly<Record<string, unknown>>;
}

/** Event type of a timer-driven run: payload `{ automation, trigger, ... }`. */
export const AUTOMATION_DUE = 'automation.due';

/** What a trigger is matched against: the event and the record as it is now. */
export interface TriggerInput {
  event: AutomationEvent;
  record: Readonly<Record<string, unknown>>;
  /** The automation being matched (timer-driven events name it). */
  automationKey: string;
}

/** Values of the changed fields before the event (record.updated), empty otherwise. */
export function previousValues(event: AutomationEvent): Record<string, unknown> {
  const previous = event.type === 'record.updated' ? event.payload.previous : undefined;
  return previous && typeof previous === 'object' ? { ...(previous as Record<string, unknown>) } : {};
}

/** Keys of the fields the event changed: every field the create filled, the listed ones on update. */
export function changedFields(event: AutomationEvent, record: Readonly<Record<string, unknown>>): string[] {
  if (event.type === 'record.created') {
    // The event carries the values the create wrote; the record may have changed since.
    const written = event.payload.values;
    const values = written && typeof written === 'object' ? (written as Record<string, unknown>) : record;
    return Object.keys(values).filter((k) => values[k] !== null && values[k] !== undefined);
  }
  if (event.type === 'record.updated' && Array.isArray(event.payload.changed)) return event.payload.changed.filter((k): k is string => typeof k === 'string');
  return [];
}
