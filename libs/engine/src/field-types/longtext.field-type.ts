import type { LongtextField } from '@tessera/metadata';
import { TEXT_OPS, type FieldTypeDef } from './field-type';

export const longtextFieldType: FieldTypeDef<LongtextField> = {
  type: 'longtext',
  valueSchema: (f) => ({ type: 'string', maxLength: f.maxLength ?? 100_000 }),
  column: () => ({ type: 'text' }),
  operators: TEXT_OPS,
  textSearch: true,
};
