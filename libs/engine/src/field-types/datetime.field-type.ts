import type { DatetimeField } from '@tessera/metadata';
import { datetimeFromDb, ORDERED_OPS, type FieldTypeDef } from './field-type';

export const datetimeFieldType: FieldTypeDef<DatetimeField> = {
  type: 'datetime',
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  column: () => ({ type: 'timestamptz' }),
  operators: ORDERED_OPS,
  fromDb: datetimeFromDb,
};
