import { uuidv7, uuidv7Time } from './uuid7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has the version 7 and RFC variant bits', () => {
    for (let i = 0; i < 200; i++) expect(uuidv7()).toMatch(UUID_V7);
  });

  it('encodes the creation time in the first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    const time = uuidv7Time(id).getTime();
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(after);
    expect(uuidv7Time(uuidv7(Date.UTC(2030, 0, 1))).toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('sorts in creation order, also within one millisecond', () => {
    const sameMs = Date.UTC(2031, 5, 1);
    const ids = Array.from({ length: 5000 }, () => uuidv7(sameMs));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays ordered when the clock steps back', () => {
    const first = uuidv7(Date.UTC(2032, 0, 1, 0, 0, 1));
    const second = uuidv7(Date.UTC(2032, 0, 1, 0, 0, 0));
    expect(second > first).toBe(true);
  });
});
