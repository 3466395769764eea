import type { AutonumberField } from '@tessera/metadata';
import { TEXT_OPS, type FieldTypeDef } from './field-type';

export const autonumberFieldType: FieldTypeDef<AutonumberField> = {
  type: 'autonumber',
  valueSchema: () => undefined,
  column: () => ({ type: 'text' }),
  operators: TEXT_OPS,
  computed: true,
  textSearch: true,
};
