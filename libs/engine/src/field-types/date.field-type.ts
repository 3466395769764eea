import type { DateField } from '@tessera/metadata';
import { dateFromDb, ORDERED_OPS, type FieldTypeDef } from './field-type';

export const dateFieldType: FieldTypeDef<DateField> = {
  type: 'date',
  valueSchema: () => ({ type: 'string', format: 'date' }),
  column: () => ({ type: 'date' }),
  operators: ORDERED_OPS,
  fromDb: dateFromDb,
};
