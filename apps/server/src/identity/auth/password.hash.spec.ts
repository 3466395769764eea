import { hashPassword, verifyPassword } from './password.hash';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse 电池');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse 电池', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$a$b$c$d$e')).resolves.toBe(false);
  });
});
