import type { FieldChangedTrigger } from '@tessera/metadata';
import { changedFields, previousValues } from '../automation-event';
import { compareValues } from '../../pipelines/value.compare';
import type { TriggerKindDef } from '../trigger-kind';

const DECIMAL = /^-?\d+(\.\d+)?$/;

const same = (a: unknown, b: unknown): boolean => {
  const empty = (v: unknown) => v === null || v === undefined;
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  const numeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && DECIMAL.test(v));
  return compareValues(a, b, numeric(a) && numeric(b) ? 'number' : 'auto') === 0;
};

/**
 * A watched field changed (on create: was filled). `from` / `to` narrow it to a change
 * from or to a value, compared like conditions compare (money as exact decimals).
 */
export const fieldChangedTrigger: TriggerKindDef<FieldChangedTrigger> = {
  on: 'fieldChanged',
  events: ['record.created', 'record.updated'],
  matches(t, { event, record }) {
    if (event.type !== 'record.created' && event.type !== 'record.updated') return false;
    const changed = new Set(changedFields(event, record));
    const previous = previousValues(event);
    // The value this change wrote (an update's event carries it): the record may have moved on by the time the job runs.
    const written = (event.payload.values ?? {}) as Record<string, unknown>;
    const after = (f: string) => (f in written ? written[f] : record[f]);
    return t.fields.some(
      (f) =>
        changed.has(f) &&
        (t.from === undefined || same(previous[f] ?? null, t.from)) &&
        (t.to === undefined || same(after(f) ?? null, t.to)),
    );
  },
};
