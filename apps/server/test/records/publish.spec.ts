import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { ObjectDefinition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { MetadataModule } from '../../src/metadata/metadata.module';
import { PublishHooks, type PublishContext } from '../../src/metadata/publish-hooks';
import { cloneCrm, crmMetadata } from '../fixtures/crm-metadata';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

/** Fails a publish on demand, after the records hook has created or altered tables. */
@Injectable()
class FailingHook implements OnModuleInit {
  static armed = false;
  readonly name = 'test.failing';
  constructor(private readonly hooks: PublishHooks) {}
  onModuleInit() {
    this.hooks.register(this);
  }
  async apply(_ctx: PublishContext) {
    if (FailingHook.armed) throw new Error('injected failure after the DDL');
  }
}
@Module({ imports: [MetadataModule], providers: [FailingHook] })
class FailingHookModule {}

const obj = (docs: ReturnType<typeof cloneCrm>, key: string) => docs.find((d) => d.kind === 'object' && d.key === key) as ObjectDefinition;

describe('publishing metadata', () => {
  let s: TesseraServer;
  let db: DataSource;
  const columns = async (table: string) =>
    Object.fromEntries(
      (await db.query(`SELECT column_name, data_type, udt_name, numeric_scale FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1`, [table])).map(
        (c: { column_name: string; data_type: string; udt_name: string; numeric_scale: number | null }) => [c.column_name, { type: c.data_type, udt: c.udt_name, scale: c.numeric_scale }],
      ),
    );
  const version = async () => Number((await db.query(`SELECT coalesce(max(version), 0) AS v FROM metadata_version`))[0].v);

  beforeAll(async () => {
    s = await startTesseraServer(undefined, {}, { imports: [FailingHookModule] });
    db = s.app.app.get(DataSource);
  });
  afterAll(() => s?.close());
  afterEach(() => {
    FailingHook.armed = false;
  });

  it('creates one typed table per object, with system columns, checks, indexes and foreign keys', async () => {
    const res = await s.admin.post('/api/metadata/publish', { documents: crmMetadata });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, unchanged: false });
    const deal = await columns('deal');
    expect(deal).toMatchObject({
      id: { udt: 'uuid' }, version: { udt: 'int4' }, owner_id: { udt: 'uuid' }, deleted_at: { udt: 'timestamptz' },
      amount: { udt: 'numeric', scale: 2 }, close_date: { udt: 'date' }, tags: { udt: '_text' }, strategic: { udt: 'bool' },
      margin: { udt: 'numeric' }, number: { udt: 'text' }, account: { udt: 'uuid' },
    });
    expect((await columns('contact')).location).toMatchObject({ udt: 'jsonb' });
    expect((await columns('account'))._dup_tax_id).toMatchObject({ udt: 'text' });
    const fks = await db.query(`SELECT conname, confdeltype FROM pg_constraint WHERE contype = 'f' AND connamespace = 'data'::regnamespace ORDER BY conname`);
    expect(fks).toEqual([{ conname: 'fk_contact_account', confdeltype: 'n' }, { conname: 'fk_deal_account', confdeltype: 'r' }]);
    const checks = await db.query(`SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'data'::regnamespace ORDER BY conname`);
    expect(checks.map((c: { conname: string }) => c.conname)).toEqual(['ck_account_region', 'ck_deal_stage', 'ck_deal_tags']);
    const idx = await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'data' AND tablename = 'deal'`);
    expect(idx.map((i: { indexname: string }) => i.indexname)).toEqual(expect.arrayContaining(['ux_deal_number', 'ix_deal_account', 'ix_deal_created_at_id', 'ix_deal_owner_id']));
    // The check constraint is real: the database refuses a value outside the options.
    await expect(db.query(`INSERT INTO data.deal (id, owner_id, title, stage) VALUES (gen_random_uuid(), gen_random_uuid(), 'x', 'bogus')`)).rejects.toThrow(/ck_deal_stage/);
  });

  it('publishing the same documents again changes nothing', async () => {
    const res = await s.admin.post('/api/metadata/publish', { documents: crmMetadata });
    expect(res.body).toMatchObject({ version: 1, unchanged: true });
  });

  it('alters tables: a new field becomes a column, a new option widens the check, a new object a table', async () => {
    const docs = cloneCrm();
    obj(docs, 'deal').fields.push({ key: 'source', type: 'text', label: { 'zh-CN': '来源', en: 'Source' }, indexed: true });
    const stage = obj(docs, 'deal').fields.find((f) => f.key === 'stage');
    if (stage?.type === 'select') stage.options.push({ value: 'lost', label: { 'zh-CN': '输单', en: 'Lost' } });
    docs.push({ kind: 'object', key: 'visit', label: { 'zh-CN': '拜访', en: 'Visit' }, fields: [{ key: 'deal', type: 'relation', target: 'deal', label: { 'zh-CN': '商机', en: 'Deal' } }] });
    const res = await s.admin.post('/api/metadata/publish', { documents: docs });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect((await columns('deal')).source).toMatchObject({ udt: 'text' });
    expect(Object.keys(await columns('visit'))).toContain('deal');
    await db.query(`INSERT INTO data.deal (id, owner_id, title, stage) VALUES (gen_random_uuid(), gen_random_uuid(), 'x', 'lost')`);
    await db.query(`DELETE FROM data.deal`);
  });

  it('rolls back everything when a publish fails after its DDL', async () => {
    const before = await version();
    const docs = (await s.admin.get('/api/metadata/current')).body.documents;
    docs.push({ kind: 'object', key: 'doomed', label: { 'zh-CN': '失败', en: 'Doomed' }, fields: [{ key: 'name', type: 'text', label: { 'zh-CN': '名', en: 'Name' } }] });
    FailingHook.armed = true;
    const res = await s.admin.post('/api/metadata/publish', { documents: docs });
    expect(res.status).toBe(500);
    expect(await version()).toBe(before);
    expect(await db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'data' AND table_name = 'doomed'`)).toEqual([]);
  });

  it('refuses a unique index over duplicate values with a clear error and changes nothing', async () => {
    const admin = s.admin;
    await admin.post('/api/objects/deal/records', { title: 'Same' });
    await admin.post('/api/objects/deal/records', { title: 'Same' });
    const before = await version();
    const docs = (await admin.get('/api/metadata/current')).body.documents;
    const title = obj(docs, 'deal').fields.find((f) => f.key === 'title')!;
    title.unique = true;
    const res = await admin.post('/api/metadata/publish', { documents: docs });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'data-risk.uniqueAdded', path: expect.stringMatching(/^\/documents\/\d+\/fields\/1$/) })]);
    expect(await version()).toBe(before);
    const idx = await db.query(`SELECT 1 FROM pg_indexes WHERE schemaname = 'data' AND indexname = 'ux_deal_title'`);
    expect(idx).toEqual([]);
  });

  it('refuses dropping a field that holds values unless retired; retiring keeps column and values', async () => {
    const admin = s.admin;
    const created = await admin.post('/api/objects/deal/records', { title: 'With notes', notes: 'keep me' });
    expect(created.status).toBe(201);
    const docs = (await admin.get('/api/metadata/current')).body.documents;
    const deal = obj(docs, 'deal');
    deal.fields = deal.fields.filter((f) => f.key !== 'notes');
    const refused = await admin.post('/api/metadata/publish', { documents: docs });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ code: 'data-risk.fieldRemoved' });
    expect(refused.body.errors[0].message).toMatch(/1 stored record/);

    const retired = await admin.post('/api/metadata/publish', { documents: docs, retire: true });
    expect(retired.status).toBe(200);
    const current = (await admin.get('/api/metadata/current')).body.documents;
    expect(obj(current, 'deal').fields.find((f) => f.key === 'notes')).toMatchObject({ retired: true });
    const [row] = await db.query(`SELECT notes FROM data.deal WHERE id = $1`, [created.body.id]);
    expect(row.notes).toBe('keep me');
    const read = await admin.get(`/api/objects/deal/records/${created.body.id}`);
    expect(read.body).not.toHaveProperty('notes');
    const write = await admin.patch(`/api/objects/deal/records/${created.body.id}`, { notes: 'x' });
    expect(write.status).toBe(422);
    expect(write.body.errors[0]).toMatchObject({ path: '/notes', code: 'field.not_writable' });
  });

  it('rejects invalid metadata with JSON Pointers, and a hostile key never reaches SQL', async () => {
    const before = await version();
    const docs = cloneCrm();
    (obj(docs, 'deal').fields[1] as { key: string }).key = 'x"; drop table deal; --';
    const res = await s.admin.post('/api/metadata/publish', { documents: docs });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: '/documents/1/fields/1/key' }));
    expect(await version()).toBe(before);
    expect(await db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'data' AND table_name = 'deal'`)).toHaveLength(1);
  });

  it('lists versions and shows any version with its diff', async () => {
    const list = await s.admin.get('/api/metadata/versions');
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const v2 = await s.admin.get('/api/metadata/versions/2');
    expect(v2.body.diff.documents).toContainEqual(expect.objectContaining({ name: 'object:visit', status: 'added' }));
  });

  it('saves a draft, previews its diff and publishes it', async () => {
    const docs = (await s.admin.get('/api/metadata/current')).body.documents;
    obj(docs, 'contact').fields.push({ key: 'title', type: 'text', label: { 'zh-CN': '职位', en: 'Title' } });
    expect((await s.admin.put('/api/metadata/draft', { documents: docs })).status).toBe(200);
    const diff = await s.admin.post('/api/metadata/diff', {});
    expect(diff.body.documents).toEqual([expect.objectContaining({ name: 'object:contact', status: 'changed' })]);
    expect(diff.body.risks).toEqual([]);
    const res = await s.admin.post('/api/metadata/publish', {});
    expect(res.status).toBe(200);
    expect((await columns('contact')).title).toBeDefined();
    // Published: the draft is the published version again.
    const after = await s.admin.get('/api/metadata/draft');
    expect(after.body).toMatchObject({ id: 'current', baseVersion: res.body.version });
  });

  it('refuses to publish a draft started before another publish, unless told to overwrite', async () => {
    const start = await s.admin.get('/api/metadata/draft');
    const docs = start.body.documents;
    obj(docs, 'contact').fields.push({ key: 'nickname', type: 'text', label: { 'zh-CN': '昵称', en: 'Nickname' } });
    expect((await s.admin.put('/api/metadata/draft', { documents: docs })).body.baseVersion).toBe(start.body.baseVersion);
    // Someone publishes in between (as a pack import does): the draft keeps its base on later saves.
    const other = (await s.admin.get('/api/metadata/current')).body.documents;
    obj(other, 'contact').fields.push({ key: 'wechat', type: 'text', label: { 'zh-CN': '微信', en: 'WeChat' } });
    const between = await s.admin.post('/api/metadata/publish', { documents: other });
    expect(between.status).toBe(200);
    expect((await s.admin.put('/api/metadata/draft', { documents: docs })).body.baseVersion).toBe(start.body.baseVersion);

    const refused = await s.admin.post('/api/metadata/publish', {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('draft-stale'), baseVersion: start.body.baseVersion, publishedVersion: between.body.version, errors: [{ path: '/overwrite' }] });
    expect((await columns('contact')).wechat).toBeDefined();

    const forced = await s.admin.post('/api/metadata/publish', { overwrite: true, retire: true });
    expect(forced.status).toBe(200);
    expect((await columns('contact')).nickname).toBeDefined();
    expect((await s.admin.put('/api/metadata/draft', { documents: docs, baseVersion: -1 })).status).toBe(400);
    // The designer publishes its documents with the base it loaded: the same check.
    const stale = await s.admin.post('/api/metadata/publish', { documents: docs, baseVersion: start.body.baseVersion });
    expect(stale.status).toBe(409);
    expect((await s.admin.post('/api/metadata/publish', { documents: docs, baseVersion: forced.body.version })).status).toBe(200);
  });
});
