import { DataSource } from 'typeorm';
import { crmMetadata } from '../fixtures/crm-metadata';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

const N = 1000;

describe('ownership transfer', () => {
  let s: TesseraServer;
  let db: DataSource;
  let m: OrgMatrix;
  const ownedBy = async (userId: string) => Number((await db.query(`SELECT count(*) AS n FROM data.deal WHERE owner_id = $1 AND deleted_at IS NULL`, [userId]))[0].n);

  beforeAll(async () => {
    s = await startTesseraServer([...crmMetadata, ...matrixRoleDocuments(['account', 'deal', 'contact'])], { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    db = s.app.app.get(DataSource);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    const rep = m.users.rep_east.api;
    for (let i = 0; i < N; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, j) => rep.post('/api/objects/deal/records', { title: i + j === 500 ? 'poison' : `deal ${i + j}`, amount: i + j })));
      if (batch.some((r) => r.status !== 201)) throw new Error(JSON.stringify(batch.find((r) => r.status !== 201)?.body));
    }
    await m.users.rep_east.api.post('/api/objects/account/records', { name: 'Rep account' });
  }, 300_000);
  afterAll(() => s?.close());

  it('a rep may not reassign; the target must be an active user', async () => {
    const rep = m.users.rep_east.api;
    const res = await rep.post('/api/ownership/transfer', { fromUserId: m.users.rep_east.id, toUserId: m.users.rep_south.id });
    expect(res.status).toBe(403);
    const bad = await m.users.admin.api.post('/api/ownership/transfer', { fromUserId: m.users.rep_east.id, toUserId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/toUserId');
  });

  it('a bulk transfer of 1,000 records that fails midway changes none of them', async () => {
    // A trigger that fails on one row in the middle of the transfer.
    await db.query(`CREATE FUNCTION data.poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.title = 'poison' AND NEW.owner_id <> OLD.owner_id THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER poison BEFORE UPDATE ON data.deal FOR EACH ROW EXECUTE FUNCTION data.poison()`);
    const res = await m.users.admin.api.post('/api/ownership/transfer', { fromUserId: m.users.rep_east.id, toUserId: m.users.rep_south.id });
    expect(res.status).toBe(500);
    expect(await ownedBy(m.users.rep_east.id)).toBe(N);
    expect(await ownedBy(m.users.rep_south.id)).toBe(0);
    expect(Number((await db.query(`SELECT count(*) AS n FROM record_history WHERE action = 'transfer'`))[0].n)).toBe(0);
    expect(Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'ownership.bulk_transfer'`))[0].n)).toBe(0);
    await db.query(`DROP TRIGGER poison ON data.deal`);
  });

  it('moves a departing rep’s whole book in one transaction, with history, events and an audit entry', async () => {
    const res = await m.users.manager_east.api.post('/api/ownership/transfer', { fromUserId: m.users.rep_east.id, toUserId: m.users.manager_east.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ transferred: { account: 1, deal: N, contact: 0 }, total: N + 1 });
    expect(await ownedBy(m.users.rep_east.id)).toBe(0);
    expect(await ownedBy(m.users.manager_east.id)).toBe(N);
    const units = await db.query(`SELECT DISTINCT org_unit_id FROM data.deal WHERE owner_id = $1`, [m.users.manager_east.id]);
    expect(units).toEqual([{ org_unit_id: m.units.east.id }]);
    const [one] = (await m.users.manager_east.api.get(`/api/objects/deal/records?limit=1`)).body.items;
    const history = await m.users.manager_east.api.get(`/api/objects/deal/records/${one.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'transfer', changes: expect.arrayContaining([{ field: 'owner_id', old: m.users.rep_east.id, new: m.users.manager_east.id }]) });
    expect(Number((await db.query(`SELECT count(*) AS n FROM outbox_event WHERE type = 'record.transferred'`))[0].n)).toBe(N + 1);
    const audit = await m.users.admin.api.get('/api/admin/audit?action=ownership.bulk_transfer');
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'ownership.bulk_transfer', details: expect.objectContaining({ total: N + 1 }) });
    // The old owner now sees none of them.
    expect((await m.users.rep_east.api.get('/api/objects/deal/records')).body.items).toEqual([]);
  });

  it('a regional manager moves only rows in their scope; filters narrow a transfer', async () => {
    const south = m.users.rep_south.api;
    const a = (await south.post('/api/objects/deal/records', { title: 'south big', amount: 900 })).body;
    const b = (await south.post('/api/objects/deal/records', { title: 'south small', amount: 5 })).body;
    const outOfScope = await m.users.manager_east.api.post('/api/ownership/transfer', { fromUserId: m.users.rep_south.id, toUserId: m.users.manager_east.id });
    expect(outOfScope.body.total).toBe(0);
    const filtered = await m.users.admin.api.post('/api/ownership/transfer', {
      fromUserId: m.users.rep_south.id, toUserId: m.users.director.id, objects: ['deal'], filters: { deal: { field: 'amount', op: 'gte', value: 100 } },
    });
    expect(filtered.body).toEqual({ transferred: { deal: 1 }, total: 1 });
    expect((await m.users.director.api.get(`/api/objects/deal/records/${a.id}`)).body.owner_id).toBe(m.users.director.id);
    expect((await m.users.rep_south.api.get(`/api/objects/deal/records/${b.id}`)).body.owner_id).toBe(m.users.rep_south.id);
  });

  it('transfers a selection of several owners in one transaction, and refuses an unbounded one', async () => {
    const created = async (api: typeof m.users.rep_east.api, title: string) => (await api.post('/api/objects/deal/records', { title })).body as { id: string };
    const selection = (ids: string[], toUserId: string) => ({ toUserId, objects: ['deal'], filters: { deal: { field: 'id', op: 'in', value: ids } } });
    const east = await created(m.users.rep_east.api, 'selection east');
    const south = await created(m.users.rep_south.api, 'selection south');
    // The east's regional manager moves only what is in their scope.
    expect((await m.users.manager_east.api.post('/api/ownership/transfer', selection([east.id, south.id], m.users.manager_east.id))).body).toEqual({ transferred: { deal: 1 }, total: 1 });
    expect((await m.users.rep_south.api.get(`/api/objects/deal/records/${south.id}`)).body.owner_id).toBe(m.users.rep_south.id);
    // The director moves records of two owners at once.
    const res = await m.users.director.api.post('/api/ownership/transfer', selection([east.id, south.id], m.users.gm.id));
    expect(res.body).toEqual({ transferred: { deal: 2 }, total: 2 });
    for (const d of [east, south]) expect((await m.users.gm.api.get(`/api/objects/deal/records/${d.id}`)).body.owner_id).toBe(m.users.gm.id);
    for (const body of [{ toUserId: m.users.gm.id }, { toUserId: m.users.gm.id, objects: ['deal', 'account'], filters: { deal: { field: 'id', op: 'in', value: [east.id] } } }]) {
      const refused = await m.users.director.api.post('/api/ownership/transfer', body);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].path).toBe('objects' in body ? '/filters/account' : '/fromUserId');
    }
  });

  it('transfers a single record and refuses one outside the caller’s scope', async () => {
    const deal = (await m.users.rep_south.api.post('/api/objects/deal/records', { title: 'single' })).body;
    expect((await m.users.manager_east.api.post(`/api/objects/deal/records/${deal.id}/transfer`, { toUserId: m.users.manager_east.id })).status).toBe(404);
    const ok = await m.users.director.api.post(`/api/objects/deal/records/${deal.id}/transfer`, { toUserId: m.users.rep_east.id });
    expect(ok.status).toBe(200);
    const read = await m.users.rep_east.api.get(`/api/objects/deal/records/${deal.id}`);
    expect(read.body).toMatchObject({ owner_id: m.users.rep_east.id, org_unit_id: m.units[m.users.rep_east.unit!].id, version: 2 });
  });
});
