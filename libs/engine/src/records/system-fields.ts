import { SYSTEM_FIELD_KEYS } from '@tessera/metadata';

/**
 * Columns every object table has besides its fields: the keys the metadata
 * contract reserves (an object may not declare them), so a record is one flat
 * JSON object. The table planner's SYSTEM_COLUMN_PLANS gives their types.
 */
export const SYSTEM_COLUMNS: readonly string[] = SYSTEM_FIELD_KEYS;

/** System values a writer may set (ownership on create; version for optimistic locking). */
export const WRITABLE_SYSTEM_KEYS = ['owner_id', 'version'] as const;
