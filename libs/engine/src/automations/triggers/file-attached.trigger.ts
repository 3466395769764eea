import type { FileAttachedTrigger } from '@tessera/metadata';
import type { TriggerKindDef } from '../trigger-kind';

export const fileAttachedTrigger: TriggerKindDef<FileAttachedTrigger> = {
  on: 'fileAttached',
  events: ['file.attached'],
  matches: (t, { event }) =>
    event.type === 'file.attached' &&
    (t.field === undefined || event.payload.field === t.field) &&
    (t.categories === undefined || t.categories.includes(String(event.payload.category))),
};
