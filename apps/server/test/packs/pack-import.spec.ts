import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { allRecords, DEMO_PASSWORD, expectOk, importPack, packBundle, signIn } from './pack-test.support';

describe('template packs: import into an empty database', () => {
  let server: TesseraServer;

  beforeAll(async () => {
    server = await startTesseraServer(undefined, { DEMO_PASSWORD });
  }, 60_000);
  afterAll(() => server?.close());

  it('imports the valve pack with its demo data in one go', async () => {
    const started = Date.now();
    const result = await expectOk(importPack(server.admin, await packBundle('valve-manufacturing'), '?demoData=true'));
    console.log(`valve import: ${Date.now() - started} ms`, JSON.stringify(result.demo?.records));
    expect(result).toMatchObject({ pack: { name: 'valve-manufacturing', version: '1.0.0' }, action: 'install', previousVersion: null });
    expect(result.demo.users.created).toBe(34);
  }, 120_000);

  it('imports the FMCG pack with its demo data in under a minute', async () => {
    const started = Date.now();
    const result = await expectOk(importPack(server.admin, await packBundle('fmcg-beverage'), '?demoData=true'));
    const took = Date.now() - started;
    console.log(`fmcg import: ${took} ms`, JSON.stringify(result.demo?.records));
    expect(took).toBeLessThan(60_000);
    expect(result.demo.users.created).toBeGreaterThanOrEqual(420);
  }, 120_000);
});
