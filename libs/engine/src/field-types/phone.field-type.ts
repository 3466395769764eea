import type { PhoneField } from '@tessera/metadata';
import { TEXT_OPS, type FieldTypeDef } from './field-type';

export const phoneFieldType: FieldTypeDef<PhoneField> = {
  type: 'phone',
  valueSchema: () => ({ type: 'string', pattern: '^\\+?[0-9 ()\\-]{3,32}$' }),
  column: () => ({ type: 'text' }),
  operators: TEXT_OPS,
  textSearch: true,
};
