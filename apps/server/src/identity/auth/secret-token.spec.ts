import { newApiKey, parseApiKey, sameHash, sha256 } from './secret-token';

describe('API keys', () => {
  it('parse back into the prefix and a secret matching the stored hash', () => {
    const { key, prefix, secretHash } = newApiKey();
    const parsed = parseApiKey(key);
    expect(parsed?.prefix).toBe(prefix);
    expect(sameHash(sha256(parsed!.secret), secretHash)).toBe(true);
  });

  it.each(['tsk_short_x', 'Bearer tsk_', 'tsk_0123456789ab_' + 'a'.repeat(42), 'eyJhbGciOiJIUzI1NiJ9.e30.x'])('refuses %s', (key) => {
    expect(parseApiKey(key)).toBeNull();
  });

  it('are unique', () => {
    expect(new Set(Array.from({ length: 50 }, () => newApiKey().key)).size).toBe(50);
  });
});
