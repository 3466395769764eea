import type { RoleDefinition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { crmMetadata } from '../fixtures/crm-metadata';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { parseCsv } from '../support/csv.parse';

// A rep who may export their own deals, without seeing their cost.
const exportingRep: RoleDefinition = {
  kind: 'role',
  key: 'exporting_rep',
  label: { 'zh-CN': '可导出的销售', en: 'Exporting rep' },
  permissions: [{ object: 'deal', actions: ['read', 'create', 'update', 'export'], readScope: 'own', fields: { cost: 'hidden' } }],
};

const BULK = 1_150; // more than two export batches of 500

describe('record list CSV export', () => {
  let s: TesseraServer;
  let db: DataSource;
  let m: OrgMatrix;
  const csv = async (who: keyof OrgMatrix['users'], params: Record<string, unknown> = {}) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const res = await fetch(`${s.app.url}/api/objects/deal/records/export.csv?${qs}`, { headers: { authorization: `Bearer ${m.users[who].accessToken}` } });
    // Keep the byte order mark (text() would drop it).
    return { status: res.status, headers: res.headers, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
  };
  /** Every row of the list API for the same query, page by page. */
  const listAll = async (who: keyof OrgMatrix['users'], params: Record<string, unknown> = {}) => {
    const items: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const qs: URLSearchParams = new URLSearchParams(Object.entries({ ...params, limit: '500', ...(cursor && { cursor }) }).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      const res: { status: number; body: { items: Array<Record<string, unknown>>; nextCursor: string | null } } = await m.users[who].api.get(`/api/objects/deal/records?${qs}`);
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    s = await startTesseraServer([...crmMetadata, ...matrixRoleDocuments(['account', 'deal', 'contact']), exportingRep], { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    db = s.app.app.get(DataSource);
    m = await createOrgMatrix(s, ADMIN_PASSWORD, { roles: { rep_south: ['exporting_rep'] } });
    // Written by the admin (the rep may not write the hidden cost), then handed to the rep.
    for (const body of [
      { title: '=HYPERLINK("http://x")', amount: 120, cost: 180, stage: 'lead', tags: ['urgent', 'export'], strategic: true },
      { title: 'South, "quoted"', amount: 5, cost: 1, stage: 'won', strategic: false },
      { title: 'South big', amount: 900, cost: 100, stage: 'won' },
    ]) {
      const res = await m.users.admin.api.post('/api/objects/deal/records', body, { 'acknowledge-warnings': 'below_cost' });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      const moved = await m.users.admin.api.post(`/api/objects/deal/records/${res.body.id}/transfer`, { toUserId: m.users.rep_south.id });
      if (moved.status !== 200) throw new Error(JSON.stringify(moved.body));
    }
    // Volume for the keyset batches: rep_east's deals, written in one statement.
    await db.query(
      `INSERT INTO data.deal (id, owner_id, org_unit_id, created_by, updated_by, title, amount, stage)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, $1::uuid, $1::uuid, 'bulk ' || g, g % 1000, CASE WHEN g % 3 = 0 THEN 'won' ELSE 'lead' END FROM generate_series(1, ${BULK}) g`,
      [m.users.rep_east.id, m.units.east_shanghai.id],
    );
  }, 300_000);
  afterAll(() => s?.close());

  it('needs the export right: a plain rep gets 403 problem+json', async () => {
    const res = await csv('rep_east');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a rep exports only their own rows, without the hidden field; labels, options, names, safe cells, BOM', async () => {
    const res = await csv('rep_south', { sort: 'amount' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="deal-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(header).toEqual(['编号', '标题', '客户', '金额', '毛利', '阶段', '标签', '成交日', '概率', '战略', '备注', '负责人', '创建时间']);
    expect(header).not.toContain('成本');
    expect(rows).toHaveLength(3);
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => r[col('标题')])).toEqual(['South, "quoted"', `'=HYPERLINK("http://x")`, 'South big']);
    expect(rows.map((r) => r[col('金额')])).toEqual(['5', '120', '900']);
    // A negative amount stays a number (no formula quote).
    expect(rows.map((r) => r[col('毛利')])).toEqual(['4', '-60', '800']);
    expect(rows.map((r) => r[col('阶段')])).toEqual(['赢单', '线索', '赢单']);
    expect(rows[1][col('标签')]).toBe('紧急; 出口');
    expect(rows.map((r) => r[col('战略')])).toEqual(['否', '是', '']);
    expect(new Set(rows.map((r) => r[col('负责人')]))).toEqual(new Set(['华南销售 South rep']));
  });

  it('streams every matching row once, in the list order, across keyset batches; the filter, sort and search apply', async () => {
    const filter = { and: [{ field: 'amount', op: 'gte', value: 100 }, { field: 'stage', op: 'eq', value: 'lead' }] };
    const res = await csv('manager_east', { filter, sort: '-amount,title', fields: 'title,amount,stage,owner_id' });
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(header).toEqual(['标题', '金额', '阶段', '负责人']);
    const expected = await listAll('manager_east', { filter, sort: '-amount,title' });
    expect(expected.length).toBeGreaterThan(500);
    expect(rows.map((r) => r[0])).toEqual(expected.map((d) => d.title));
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    expect(rows.every((r) => Number(r[1]) >= 100 && r[2] === '线索' && r[3] === '华东销售 East rep')).toBe(true);
    // The manager's scope is east: none of the south rep's deals.
    expect(rows.some((r) => r[0].startsWith('South'))).toBe(false);

    const all = parseCsv((await csv('manager_east', { fields: 'title' })).text.slice(1));
    expect(all.length - 1).toBe(BULK);
    const searched = parseCsv((await csv('director', { q: 'south', fields: 'title' })).text.slice(1));
    expect(searched.slice(1).map((r) => r[0]).sort()).toEqual(['South big', 'South, "quoted"']);
  });

  it('refuses a bad query with a pointer before sending anything', async () => {
    const res = await csv('manager_east', { filter: { field: 'amount', op: 'contains', value: 'x' } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors[0].path).toBe('/filter/op');
    const hidden = await csv('rep_south', { fields: 'title,cost' });
    expect(hidden.status).toBe(400);
    expect(JSON.parse(hidden.text).errors[0].path).toBe('/fields');
  });

  it('writes records.exported to the audit log with the query and the row count', async () => {
    await csv('rep_south', { filter: { field: 'stage', op: 'eq', value: 'won' } });
    const audit = await m.users.admin.api.get('/api/admin/audit?action=records.exported');
    expect(audit.status).toBe(200);
    const entry = audit.body.items.find((e: { actorId: string }) => e.actorId === m.users.rep_south.id);
    expect(entry).toMatchObject({
      action: 'records.exported',
      target: { type: 'deal' },
      details: expect.objectContaining({ source: 'list', filter: { field: 'stage', op: 'eq', value: 'won' }, rows: 2, complete: true }),
    });
    // The refused export wrote nothing.
    expect(audit.body.items.some((e: { actorId: string }) => e.actorId === m.users.rep_east.id)).toBe(false);
  });

  it('offers as owners the caller, the owners of readable records and the users of the units in scope', async () => {
    const names = async (who: keyof OrgMatrix['users'], q = '') => {
      const res = await m.users[who].api.get(`/api/objects/deal/owners${q && `?q=${encodeURIComponent(q)}`}`);
      expect(res.status).toBe(200);
      return res.body.items.map((u: { username: string }) => u.username).sort();
    };
    expect(await names('rep_east')).toEqual(['rep_east']);
    expect(await names('manager_east')).toEqual(['manager_east', 'rep_east']);
    expect(await names('director')).toEqual(['director', 'rep_east', 'rep_south']);
    expect(await names('director', 'south')).toEqual(['rep_south']);
    expect((await m.users.rep_east.api.get('/api/objects/nothing/owners')).status).toBe(404);
  });
});
