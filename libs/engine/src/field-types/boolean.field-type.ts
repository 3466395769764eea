import type { BooleanField } from '@tessera/metadata';
import { type FieldTypeDef } from './field-type';

export const booleanFieldType: FieldTypeDef<BooleanField> = {
  type: 'boolean',
  valueSchema: () => ({ type: 'boolean' }),
  column: () => ({ type: 'boolean' }),
  operators: ['eq', 'ne', 'isEmpty'],
};
