/**
 * Columns every object table has besides its fields. Field keys may not use these
 * names (the metadata lint refuses them), so a record is one flat JSON object.
 */
export const SYSTEM_COLUMNS = [
  'id',
  'version',
  'owner_id',
  'org_unit_id',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
] as const;

export type SystemColumn = (typeof SYSTEM_COLUMNS)[number];

/** System values a writer may set (ownership on create and transfer; version for optimistic locking). */
export const WRITABLE_SYSTEM_KEYS = ['owner_id', 'version'] as const;
