import { SYSTEM_FIELD_CLASSES, SYSTEM_FIELD_KEYS } from './system-fields';

describe('system fields', () => {
  it('give a value class to exactly the keys the schema reserves', () => {
    expect(Object.keys(SYSTEM_FIELD_CLASSES).sort()).toEqual([...SYSTEM_FIELD_KEYS].sort());
  });
});
