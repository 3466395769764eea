import type { EmailField } from '@tessera/metadata';
import { TEXT_OPS, type FieldTypeDef } from './field-type';

export const emailFieldType: FieldTypeDef<EmailField> = {
  type: 'email',
  valueSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
  column: () => ({ type: 'text' }),
  operators: TEXT_OPS,
  textSearch: true,
};
