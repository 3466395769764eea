import type { MultiselectField } from '@tessera/metadata';
import { type FieldTypeDef } from './field-type';

export const multiselectFieldType: FieldTypeDef<MultiselectField> = {
  type: 'multiselect',
  valueSchema: (f) => ({
    type: 'array',
    uniqueItems: true,
    items: { type: 'string', enum: f.options.map((o) => o.value) },
    ...(f.maxSelected !== undefined && { maxItems: f.maxSelected }),
  }),
  column: (f) => ({ type: 'text', isArray: true, allowed: f.options.map((o) => o.value) }),
  operators: ['contains', 'in', 'isEmpty'],
};
