import { DataSource } from 'typeorm';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { automationMetadata } from './automation-metadata';
import { fastJobsEnv } from './automation-test.support';

describe('PUT /api/objects/:object/records/by/:field/:value (inbound sync by an external key)', () => {
  let server: TesseraServer;
  let db: DataSource;

  beforeAll(async () => {
    server = await startTesseraServer(automationMetadata(), fastJobsEnv());
    db = server.app.app.get(DataSource);
  });
  afterAll(() => server?.close());

  const history = async (id: string) => (await server.admin.get(`/api/objects/lead/records/${id}/history`)).body.items as Array<{ action: string }>;

  it('creates the record on the first push, then updates the same record, and a repeated push changes nothing', async () => {
    const first = await server.admin.put('/api/objects/lead/records/by/erp_code/C-1001', { title: '华东阀门厂', payment: 'ok' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ erp_code: 'C-1001', title: '华东阀门厂', payment: 'ok', version: 1 });
    const id = first.body.id;

    const second = await server.admin.put('/api/objects/lead/records/by/erp_code/C-1001', { title: '华东阀门厂', payment: 'overdue' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id, payment: 'overdue', version: 2 });
    expect(await history(id)).toHaveLength(2);

    const events = async () => Number((await db.query(`SELECT count(*) AS n FROM "outbox_event" WHERE "record_id" = $1`, [id]))[0].n);
    const before = await events();
    const third = await server.admin.put('/api/objects/lead/records/by/erp_code/C-1001', { title: '华东阀门厂', payment: 'overdue' });
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ id, version: 2 });
    expect(await history(id)).toHaveLength(2);
    expect(await events()).toBe(before);
    expect((await server.admin.get('/api/objects/lead/records?filter=' + encodeURIComponent(JSON.stringify({ field: 'erp_code', op: 'eq', value: 'C-1001' })))).body.items).toHaveLength(1);
  });

  it('refuses a field that does not name one record, and a body whose key disagrees with the path', async () => {
    const notUnique = await server.admin.put('/api/objects/lead/records/by/title/x', { note: 'n' });
    expect(notUnique.status).toBe(422);
    expect(notUnique.body.errors).toEqual([expect.objectContaining({ path: '/field', code: 'field.not-unique' })]);
    const mismatch = await server.admin.put('/api/objects/lead/records/by/erp_code/C-2', { erp_code: 'C-3' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: '/erp_code', code: 'key.mismatch' })]);
    expect((await server.admin.put('/api/objects/nothing/records/by/erp_code/C-2', {})).status).toBe(404);
  });

  it('validates like any write and leaves nothing behind when refused', async () => {
    const bad = await server.admin.put('/api/objects/lead/records/by/erp_code/C-9', { payment: 'paid-ish' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/payment');
    expect(Number((await db.query(`SELECT count(*) AS n FROM "data"."lead" WHERE "erp_code" = 'C-9'`))[0].n)).toBe(0);
  });
});
