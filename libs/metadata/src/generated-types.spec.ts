import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The generator runs in its own node process: prettier (used by json-schema-to-typescript)
// loads plugins with dynamic import, which Jest's CommonJS sandbox does not allow.
const TOOL = join(__dirname, '../tools/generate-types.cjs');
const SCHEMAS = join(__dirname, '../../../schemas');
const check = (...args: string[]) => spawnSync(process.execPath, [TOOL, '--check', ...args], { encoding: 'utf8' });

describe('metadata.generated.ts', () => {
  it('is what the schemas generate today', () => {
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('is reported stale once a schema changes', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tessera-schemas-'));
    try {
      cpSync(SCHEMAS, copy, { recursive: true });
      const org = join(copy, 'org.schema.json');
      writeFileSync(org, readFileSync(org, 'utf8').replace('"Unit name."', '"Name of the unit."'));
      const run = check('--schemas', copy);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('is stale');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
