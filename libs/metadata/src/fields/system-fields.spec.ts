import { SYSTEM_FIELD_CLASSES, SYSTEM_FIELD_KEYS } from './system-fields';

describe('system fields', () => {
  it('give a value class to exactly the keys the schema reserves', () => {
    expect(Object.keys(SYSTEM_FIELD_CLASSES).sort()).toEqual([...SYSTEM_FIELD_KEYS].sort());
  });

  // The engine creates these columns on every object table (SYSTEM_COLUMNS in
  // libs/engine); the stage is an ordinary select field named by the pipeline.
  it('reserve exactly the columns the engine keeps on every record, and no stage', () => {
    expect([...SYSTEM_FIELD_KEYS].sort()).toEqual(['created_at', 'created_by', 'deleted_at', 'id', 'org_unit_id', 'owner_id', 'updated_at', 'updated_by', 'version']);
  });
});
