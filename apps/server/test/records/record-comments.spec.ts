import { DataSource } from 'typeorm';
import { crmMetadata } from '../fixtures/crm-metadata';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

/** The conversation on a record, and the names the timeline shows: who may read, write and delete what. */
describe('record comments and the timeline names', () => {
  let s: TesseraServer;
  let db: DataSource;
  let m: OrgMatrix;
  let dealId: string;
  const comments = (who: keyof OrgMatrix['users'], id = dealId) => m.users[who].api.get(`/api/objects/deal/records/${id}/comments`);

  beforeAll(async () => {
    s = await startTesseraServer([...crmMetadata, ...matrixRoleDocuments(['account', 'deal', 'contact'])]);
    db = s.app.app.get(DataSource);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    const deal = await m.users.rep_east.api.post('/api/objects/deal/records', { title: 'Pump station', amount: 100 });
    dealId = deal.body.id;
  });
  afterAll(() => s?.close());

  it('the owner and their manager talk on the record; names, order and the outbox event', async () => {
    const first = await m.users.rep_east.api.post(`/api/objects/deal/records/${dealId}/comments`, { body: '  客户要求下周报价  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ body: '客户要求下周报价', author: { id: m.users.rep_east.id, name: '华东销售 East rep' }, mine: true });
    expect((await m.users.manager_east.api.post(`/api/objects/deal/records/${dealId}/comments`, { body: 'OK, push for it' })).status).toBe(201);

    const seen = await comments('manager_east');
    expect(seen.body.items.map((c: any) => [c.body, c.author.name, c.mine])).toEqual([
      ['客户要求下周报价', '华东销售 East rep', false],
      ['OK, push for it', '华东区域经理 East manager', true],
    ]);
    const [event] = await db.query(`SELECT "payload" FROM "outbox_event" WHERE "type" = 'record.commented' AND "record_id" = $1 ORDER BY "created_at" LIMIT 1`, [dealId]);
    expect(event.payload).toMatchObject({ commentId: first.body.id, body: '客户要求下周报价' });
  });

  it('who cannot read the record can neither read nor write its comments', async () => {
    expect((await comments('rep_south')).status).toBe(404);
    expect((await m.users.rep_south.api.post(`/api/objects/deal/records/${dealId}/comments`, { body: 'sneaky' })).status).toBe(404);
    expect((await comments('rep_east', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await comments('rep_east', 'not-a-uuid')).status).toBe(404);
  });

  it('refuses an empty or oversized comment with a pointer, and only the author deletes', async () => {
    for (const body of [{}, { body: '   ' }, { body: 'x'.repeat(5001) }]) {
      const res = await m.users.rep_east.api.post(`/api/objects/deal/records/${dealId}/comments`, body);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/body' })]);
    }
    const mine = (await comments('rep_east')).body.items.find((c: any) => c.mine);
    expect((await m.users.manager_east.api.delete(`/api/objects/deal/records/${dealId}/comments/${mine.id}`)).status).toBe(404);
    expect((await m.users.rep_east.api.delete(`/api/objects/deal/records/${dealId}/comments/${mine.id}`)).status).toBe(204);
    expect((await comments('rep_east')).body.items.map((c: any) => c.body)).toEqual(['OK, push for it']);
  });

  it('the field history names who wrote each change', async () => {
    expect((await m.users.manager_east.api.patch(`/api/objects/deal/records/${dealId}`, { amount: 250 })).status).toBe(200);
    const history = await m.users.rep_east.api.get(`/api/objects/deal/records/${dealId}/history`);
    expect(history.body.items.map((h: any) => [h.action, h.actorName])).toEqual(expect.arrayContaining([
      ['create', '华东销售 East rep'],
      ['update', '华东区域经理 East manager'],
    ]));
  });
});
