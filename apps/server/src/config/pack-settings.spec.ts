import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.load';

describe('template pack settings', () => {
  it('seeds both shipped packs by default, from the repository\'s packs folder', () => {
    const config = loadConfig({});
    expect(config.SEED_PACKS).toEqual(['valve-manufacturing', 'fmcg-beverage']);
    expect(config.DEMO_PASSWORD).toBeUndefined();
    for (const name of config.SEED_PACKS) expect(existsSync(path.join(config.PACKS_DIR, name, 'pack.json'))).toBe(true);
  });

  it.each([
    ['none', []],
    ['NONE', []],
    [' fmcg-beverage , valve-manufacturing,fmcg-beverage ', ['fmcg-beverage', 'valve-manufacturing']],
  ])('reads SEED_PACKS=%j', (raw, expected) => {
    expect(loadConfig({ SEED_PACKS: raw }).SEED_PACKS).toEqual(expected);
  });

  it('refuses pack names that are not names, and a short DEMO_PASSWORD without echoing it', () => {
    try {
      loadConfig({ SEED_PACKS: '../etc,valve', DEMO_PASSWORD: 'short' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'SEED_PACKS must be none or a comma-separated list of pack names, got "../etc,valve"',
        'DEMO_PASSWORD must be at least 8 characters, got "<5 characters>"',
      ]);
    }
  });
});
