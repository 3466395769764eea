import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../src/config/config.load';
import { createApp } from '../src/create-app';

describe('start-up with a bad setting', () => {
  it('stops before starting anything, naming the variable and the value', async () => {
    const dataDir = path.join(os.tmpdir(), `tessera-never-${process.pid}-${Date.now()}`);
    const start = createApp({ env: { PORT: 'abc', DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow('PORT must be an integer 0-65535, got "abc"');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('fails with the driver message when DATABASE_URL points nowhere', async () => {
    const start = createApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LOG_LEVEL: 'silent' } });
    await expect(start).rejects.toThrow(/ECONNREFUSED/);
  });
});
