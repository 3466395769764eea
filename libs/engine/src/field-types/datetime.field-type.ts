import type { DatetimeField } from '@tessera/metadata';
import { datetimeFromDb, ORDERED_OPS, type FieldTypeDef } from './field-type';

export const datetimeFieldType: FieldTypeDef<DatetimeField> = {
  type: 'datetime',
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  // Millisecond precision: values round-trip exactly through JSON (ISO strings) and list cursors.
  column: () => ({ type: 'timestamptz', precision: 3 }),
  operators: ORDERED_OPS,
  fromDb: datetimeFromDb,
};
