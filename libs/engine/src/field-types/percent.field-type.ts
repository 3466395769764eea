import type { PercentField } from '@tessera/metadata';
import { numericFromDb, ORDERED_OPS, type FieldTypeDef } from './field-type';

export const percentFieldType: FieldTypeDef<PercentField> = {
  type: 'percent',
  valueSchema: (f) => ({
    type: 'number',
    ...(f.min !== undefined && { minimum: f.min }),
    ...(f.max !== undefined && { maximum: f.max }),
  }),
  column: () => ({ type: 'numeric' }),
  operators: ORDERED_OPS,
  fromDb: numericFromDb,
};
