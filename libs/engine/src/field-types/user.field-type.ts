import type { UserField } from '@tessera/metadata';
import { EQUALITY_OPS, type FieldTypeDef } from './field-type';

export const userFieldType: FieldTypeDef<UserField> = {
  type: 'user',
  valueSchema: () => ({ type: 'string', format: 'uuid' }),
  column: () => ({ type: 'uuid' }),
  operators: EQUALITY_OPS,
};
