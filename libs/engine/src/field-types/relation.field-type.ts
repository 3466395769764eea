import type { RelationField } from '@tessera/metadata';
import { EQUALITY_OPS, type FieldTypeDef } from './field-type';

/** A foreign key to the target object's table (the server adds the constraint). */
export const relationFieldType: FieldTypeDef<RelationField> = {
  type: 'relation',
  valueSchema: () => ({ type: 'string', format: 'uuid' }),
  column: () => ({ type: 'uuid' }),
  operators: EQUALITY_OPS,
};
