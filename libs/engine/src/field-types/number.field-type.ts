import type { NumberField } from '@tessera/metadata';
import { numericFromDb, ORDERED_OPS, type FieldTypeDef } from './field-type';

export const numberFieldType: FieldTypeDef<NumberField> = {
  type: 'number',
  valueSchema: (f) => ({
    type: f.precision === 0 ? 'integer' : 'number',
    ...(f.min !== undefined && { minimum: f.min }),
    ...(f.max !== undefined && { maximum: f.max }),
  }),
  column: (f) => (f.precision === undefined ? { type: 'numeric' } : { type: 'numeric', precision: 20, scale: f.precision }),
  operators: ORDERED_OPS,
  fromDb: numericFromDb,
};
