import { resolveRequestId } from './request-id';

describe('resolveRequestId', () => {
  it('keeps a plain id sent by the caller', () => {
    expect(resolveRequestId('lb-7f3a.42')).toBe('lb-7f3a.42');
    expect(resolveRequestId(['first', 'second'])).toBe('first');
  });

  it.each([undefined, '', 'x'.repeat(129), 'evil\n{"level":60}', 'a b'])('replaces %j with a fresh UUID v7', (header) => {
    const id = resolveRequestId(header);
    expect(id).not.toBe(header);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });
});
