import commonSchema from '@tessera/schemas/common.schema.json';
import type { ValueClass } from './value-class';

/**
 * The value class of each system field (see common.schema.json#/$defs/systemFieldKey
 * for the list and meaning). A test checks both lists name the same keys. The
 * stage is not one: it lives in the select field a pipeline names as stageField.
 */
export const SYSTEM_FIELD_CLASSES: Readonly<Record<string, ValueClass>> = {
  id: 'id',
  version: 'number',
  owner_id: 'user',
  org_unit_id: 'orgUnit',
  created_at: 'datetime',
  created_by: 'user',
  updated_at: 'datetime',
  updated_by: 'user',
  deleted_at: 'datetime',
};

/** Reserved keys, read from the schema so the contract has one list. */
export const SYSTEM_FIELD_KEYS: readonly string[] = commonSchema.$defs.systemFieldKey.enum;

/** System fields metadata may write (ownership is transferred by actions and imports). */
export const WRITABLE_SYSTEM_FIELDS: ReadonlySet<string> = new Set(['owner_id']);
