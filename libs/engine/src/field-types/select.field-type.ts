import type { SelectField } from '@tessera/metadata';
import { EQUALITY_OPS, type FieldTypeDef } from './field-type';

/** Stored as text with a CHECK over every option, retired ones included (old records keep them). */
export const selectFieldType: FieldTypeDef<SelectField> = {
  type: 'select',
  valueSchema: (f) => ({ type: 'string', enum: f.options.map((o) => o.value) }),
  column: (f) => ({ type: 'text', allowed: f.options.map((o) => o.value) }),
  operators: EQUALITY_OPS,
};
