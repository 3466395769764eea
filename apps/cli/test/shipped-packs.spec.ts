import { join } from 'node:path';
import { tessera } from './cli.harness';

const PACKS = join(__dirname, '../../../packs');

describe('the packs shipped in packs/', () => {
  it.each(['valve-manufacturing', 'fmcg-beverage'])('%s validates with exit code 0, demo data included', async (name) => {
    const run = await tessera('pack', 'validate', join(PACKS, name), '--strict');
    expect(run.out).toContain(`pack ${name} 1.0.0`);
    expect(run.out).toMatch(/valid: 0 errors, 0 warnings in \d+ documents/);
    expect(run.code).toBe(0);
  });
});
