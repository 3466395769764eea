import type { CurrencyField } from '@tessera/metadata';
import { numericFromDb, ORDERED_OPS, type FieldTypeDef } from './field-type';

/** Money: numeric(20, precision) in the database, never a float column. */
export const currencyFieldType: FieldTypeDef<CurrencyField> = {
  type: 'currency',
  valueSchema: (f) => ({
    type: 'number',
    ...(f.min !== undefined && { minimum: f.min }),
    ...(f.max !== undefined && { maximum: f.max }),
  }),
  column: (f) => ({ type: 'numeric', precision: 20, scale: f.precision ?? 2 }),
  operators: ORDERED_OPS,
  fromDb: numericFromDb,
};
