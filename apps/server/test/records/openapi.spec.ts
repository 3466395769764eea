import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { crmMetadata } from '../fixtures/crm-metadata';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

const run = promisify(execFile);

/** The validator is ESM-only; run its CLI in a child process rather than inside Jest. */
async function validateOpenApi(doc: unknown): Promise<{ valid: boolean; output: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openapi-'));
  const file = path.join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(doc));
  const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, file]);
    return { valid: true, output: stdout + stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { valid: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('/api/openapi.json', () => {
  let s: TesseraServer;
  beforeAll(async () => {
    s = await startTesseraServer(crmMetadata);
  });
  afterAll(() => s?.close());

  it('is a valid OpenAPI 3.1 document with one schema per object', async () => {
    const res = await s.admin.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['Account', 'AccountCreate', 'AccountUpdate', 'Deal', 'DealCreate', 'Contact']));
    expect(res.body.components.schemas.DealCreate.required).toEqual(['title']);
    expect(res.body.paths['/api/objects/deal/records/{id}'].patch.operationId).toBe('updateDeal');
    const result = await validateOpenApi(res.body);
    expect(result).toEqual({ valid: true, output: expect.any(String) });
  });

  it('the validator does reject a broken document', async () => {
    const res = await s.admin.get('/api/openapi.json');
    const broken = { ...res.body, paths: { '/x': { get: { responses: 'nope' } } } };
    expect((await validateOpenApi(broken)).valid).toBe(false);
  });
});
