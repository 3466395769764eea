import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/identity/actor';
import { RecordWriteService } from '../../src/records/record-write.service';
import { crmMetadata } from '../fixtures/crm-metadata';
import type { ApiClient } from '../support/api-client';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

describe('record API', () => {
  let s: TesseraServer;
  let api: ApiClient;
  let db: DataSource;
  const count = async (table: string, where = 'TRUE', values: unknown[] = []) => Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, values))[0].n);

  beforeAll(async () => {
    s = await startTesseraServer(crmMetadata, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    api = s.admin;
    db = s.app.app.get(DataSource);
  });
  afterAll(() => s?.close());

  describe('create, read, update, delete, restore', () => {
    let id: string;

    it('creates a record, computes formula and autonumber, writes history and an outbox event', async () => {
      const res = await api.post('/api/objects/deal/records', { title: 'Valve line', amount: 1200.5, cost: 1000, stage: 'lead', tags: ['urgent'], close_date: '2026-12-01', strategic: true });
      expect(res.status).toBe(201);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toMatchObject({ title: 'Valve line', amount: 1200.5, cost: 1000, margin: 200.5, stage: 'lead', tags: ['urgent'], close_date: '2026-12-01', strategic: true, version: 1 });
      expect(res.body.number).toMatch(/^D-\d{4}-00001$/);
      id = res.body.id;
      const history = await api.get(`/api/objects/deal/records/${id}/history`);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({ action: 'create', version: 1 });
      expect(history.body.items[0].changes).toContainEqual({ field: 'amount', old: null, new: 1200.5 });
      expect(await count('outbox_event', `record_id = $1 AND type = 'record.created'`, [id])).toBe(1);
    });

    it('reads it back with an ETag', async () => {
      const res = await api.get(`/api/objects/deal/records/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toMatchObject({ id, title: 'Valve line', margin: 200.5 });
    });

    it('updates partially, recomputes the formula, records field-level history with old and new', async () => {
      const res = await api.patch(`/api/objects/deal/records/${id}`, { cost: 1100 }, { 'if-match': '"1"' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, cost: 1100, margin: 100.5, title: 'Valve line' });
      const history = await api.get(`/api/objects/deal/records/${id}/history`);
      expect(history.body.items[1]).toMatchObject({ action: 'update', version: 2 });
      expect(history.body.items[1].changes).toEqual(expect.arrayContaining([{ field: 'cost', old: 1000, new: 1100 }, { field: 'margin', old: 200.5, new: 100.5 }]));
      const events = await db.query(`SELECT payload FROM outbox_event WHERE record_id = $1 AND type = 'record.updated'`, [id]);
      expect(events[0].payload.changed.sort()).toEqual(['cost', 'margin']);
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const before = await count('record_history', 'record_id = $1', [id]);
      const viaHeader = await api.patch(`/api/objects/deal/records/${id}`, { title: 'stale' }, { 'if-match': '"1"' });
      expect(viaHeader.status).toBe(409);
      expect(viaHeader.body).toMatchObject({ currentVersion: 2, errors: [expect.objectContaining({ path: '/version' })] });
      const viaBody = await api.patch(`/api/objects/deal/records/${id}`, { title: 'stale', version: 1 });
      expect(viaBody.status).toBe(409);
      expect((await api.get(`/api/objects/deal/records/${id}`)).body.title).toBe('Valve line');
      expect(await count('record_history', 'record_id = $1', [id])).toBe(before);
    });

    it('soft-deletes and restores; a deleted record is gone from reads and lists', async () => {
      expect((await api.delete(`/api/objects/deal/records/${id}`)).status).toBe(204);
      expect((await api.get(`/api/objects/deal/records/${id}`)).status).toBe(404);
      const list = await api.get(`/api/objects/deal/records?filter=${encodeURIComponent(JSON.stringify({ field: 'id', op: 'eq', value: id }))}`);
      expect(list.body.items).toEqual([]);
      const restored = await api.post(`/api/objects/deal/records/${id}/restore`);
      expect(restored.status).toBe(200);
      expect((await api.get(`/api/objects/deal/records/${id}`)).body.title).toBe('Valve line');
      const actions = (await api.get(`/api/objects/deal/records/${id}/history`)).body.items.map((h: { action: string }) => h.action);
      expect(actions).toEqual(['create', 'update', 'delete', 'restore']);
      expect(await count('outbox_event', `record_id = $1 AND type IN ('record.deleted', 'record.restored')`, [id])).toBe(2);
    });
  });

  describe('validation', () => {
    it('answers 422 problem+json with a pointer per problem, and writes nothing', async () => {
      const before = await count('record_history');
      const res = await api.post('/api/objects/deal/records', { amount: -1, stage: 'nope', tags: ['x'], close_date: 'tomorrow', margin: 5 });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/amount', '/close_date', '/margin', '/stage', '/tags/0', '/title']);
      expect(await count('record_history')).toBe(before);
    });

    it('an error rule blocks with its message on its field', async () => {
      const res = await api.post('/api/objects/deal/records', { title: 'neg', cost: -5 });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/cost', code: 'rule.cost_positive', message: '成本不能为负' })]);
    });

    it('a warning rule answers 409 until acknowledged, and the acknowledgement is recorded', async () => {
      const warned = await api.post('/api/objects/deal/records', { title: 'cheap', amount: 50, cost: 80 });
      expect(warned.status).toBe(409);
      expect(warned.body).toMatchObject({ warnings: ['below_cost'], errors: [expect.objectContaining({ path: '/amount', code: 'rule.below_cost' })] });
      const saved = await api.post('/api/objects/deal/records', { title: 'cheap', amount: 50, cost: 80 }, { 'acknowledge-warnings': 'below_cost' });
      expect(saved.status).toBe(201);
      const history = await api.get(`/api/objects/deal/records/${saved.body.id}/history`);
      expect(history.body.items[0].note).toEqual({ acknowledgedWarnings: [{ rule: 'below_cost', message: '报价低于成本' }] });
    });

    it('the platform’s own writes pass warning rules (nobody to ask) and keep them in the history', async () => {
      const deal = (await api.post('/api/objects/deal/records', { title: 'system write', amount: 100 })).body;
      const writes = s.app.app.get(RecordWriteService);
      const row = await writes.update(SYSTEM_ACTOR, 'deal', deal.id, { cost: 500 });
      expect(row.cost).toBe(500);
      const history = (await api.get(`/api/objects/deal/records/${deal.id}/history`)).body.items;
      expect(history.at(-1).note).toEqual({ acknowledgedWarnings: [{ rule: 'below_cost', message: '报价低于成本' }] });
      // A person still gets the 409 for the same change.
      expect((await api.patch(`/api/objects/deal/records/${deal.id}`, { cost: 600 })).status).toBe(409);
    });

    it('an unknown object is 404 and a malformed id is 404', async () => {
      expect((await api.get('/api/objects/nope/records')).status).toBe(404);
      expect((await api.get('/api/objects/deal/records/not-a-uuid')).status).toBe(404);
    });
  });

  describe('duplicates', () => {
    it('refuses a second account with the same normalized tax id and links to the first', async () => {
      const first = await api.post('/api/objects/account/records', { name: 'Acme', tax_id: '91310000-ABC' });
      expect(first.status).toBe(201);
      const second = await api.post('/api/objects/account/records', { name: 'Acme again', tax_id: '91310000abc' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        type: expect.stringContaining('duplicate-record'),
        duplicate: { object: 'account', id: first.body.id, href: `/api/objects/account/records/${first.body.id}` },
        errors: [expect.objectContaining({ path: '/tax_id', message: '税号已存在' })],
      });
      const other = await api.post('/api/objects/account/records', { name: 'Other', tax_id: '1' });
      expect((await api.patch(`/api/objects/account/records/${other.body.id}`, { tax_id: '91310000 abc' })).status).toBe(409);
    });

    it('lets only one of many concurrent duplicates through', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => api.post('/api/objects/account/records', { name: `Race ${i}`, tax_id: 'RACE-1' })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    });
  });

  describe('relations and rollups', () => {
    it('keeps sum, count and max rollups current through creates, updates and deletes', async () => {
      const acc = (await api.post('/api/objects/account/records', { name: 'Rollup Co' })).body;
      const other = (await api.post('/api/objects/account/records', { name: 'Other Co' })).body;
      const d1 = (await api.post('/api/objects/deal/records', { title: 'a', account: acc.id, amount: 100, close_date: '2026-01-05' })).body;
      await api.post('/api/objects/deal/records', { title: 'b', account: acc.id, amount: 250, stage: 'won', close_date: '2026-03-01' });
      let a = (await api.get(`/api/objects/account/records/${acc.id}`)).body;
      expect(a).toMatchObject({ deal_total: 350, open_deals: 1, last_close: '2026-03-01' });
      await api.patch(`/api/objects/deal/records/${d1.id}`, { account: other.id });
      a = (await api.get(`/api/objects/account/records/${acc.id}`)).body;
      expect(a).toMatchObject({ deal_total: 250, open_deals: 0 });
      expect((await api.get(`/api/objects/account/records/${other.id}`)).body).toMatchObject({ deal_total: 100, open_deals: 1 });
      await api.delete(`/api/objects/deal/records/${d1.id}`);
      expect((await api.get(`/api/objects/account/records/${other.id}`)).body).toMatchObject({ deal_total: 0, open_deals: 0, last_close: null });
    });

    it('a relation to a missing record is refused; deleting a referenced record is refused (restrict) or clears (setNull)', async () => {
      const bad = await api.post('/api/objects/deal/records', { title: 'orphan', account: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0]).toMatchObject({ path: '/account' });
      const acc = (await api.post('/api/objects/account/records', { name: 'Ref Co' })).body;
      const deal = (await api.post('/api/objects/deal/records', { title: 'ref', account: acc.id })).body;
      const contact = (await api.post('/api/objects/contact/records', { name: 'Li', account: acc.id })).body;
      const refused = await api.delete(`/api/objects/account/records/${acc.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.errors[0].message).toMatch(/1 deal record/);
      await api.delete(`/api/objects/deal/records/${deal.id}`);
      expect((await api.delete(`/api/objects/account/records/${acc.id}`)).status).toBe(204);
      const c = (await api.get(`/api/objects/contact/records/${contact.id}`)).body;
      expect(c.account).toBeNull();
      expect((await api.get(`/api/objects/contact/records/${contact.id}/history`)).body.items.at(-1).changes).toEqual([{ field: 'account', old: acc.id, new: null }]);
    });

    it('expands a relation on request', async () => {
      const acc = (await api.post('/api/objects/account/records', { name: 'Expand Co', region: 'east' })).body;
      const deal = (await api.post('/api/objects/deal/records', { title: 'exp', account: acc.id })).body;
      const res = await api.get(`/api/objects/deal/records/${deal.id}?expand=account`);
      expect(res.body._expand.account).toMatchObject({ id: acc.id, name: 'Expand Co', region: 'east' });
    });
  });

  describe('rollups under concurrency', () => {
    it('50 concurrent child writes leave the parent’s sum and count exact', async () => {
      const acc = (await api.post('/api/objects/account/records', { name: 'Busy Co' })).body;
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api.post('/api/objects/deal/records', { title: `r${i}`, account: acc.id, amount: i + 1 })));
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect((await api.get(`/api/objects/account/records/${acc.id}`)).body).toMatchObject({ deal_total: (50 * 51) / 2, open_deals: 50 });
      await Promise.all(results.slice(0, 25).map((r) => api.patch(`/api/objects/deal/records/${r.body.id}`, { amount: 0 })));
      expect((await api.get(`/api/objects/account/records/${acc.id}`)).body.deal_total).toBe(((50 * 51) / 2) - ((25 * 26) / 2));
    });
  });

  describe('autonumbers under concurrency', () => {
    it('50 concurrent creates get 50 distinct consecutive numbers', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api.post('/api/objects/deal/records', { title: `c${i}`, amount: i })));
      expect(results.every((r) => r.status === 201)).toBe(true);
      const numbers = results.map((r) => Number(String(r.body.number).split('-')[2])).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(50);
      expect(numbers[49] - numbers[0]).toBe(49);
    });
  });
});
