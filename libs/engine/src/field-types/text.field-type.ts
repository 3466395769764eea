import type { TextField } from '@tessera/metadata';
import { TEXT_OPS, type FieldTypeDef } from './field-type';

export const textFieldType: FieldTypeDef<TextField> = {
  type: 'text',
  valueSchema: (f) => ({
    type: 'string',
    maxLength: f.maxLength ?? 255,
    ...(f.minLength !== undefined && { minLength: f.minLength }),
    ...(f.pattern !== undefined && { pattern: f.pattern }),
  }),
  column: () => ({ type: 'text' }),
  operators: TEXT_OPS,
  textSearch: true,
};
